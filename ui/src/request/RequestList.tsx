import { useState } from "react";
import { api } from "../api";
import { EmptyState, StatusBadge } from "../components/display";
import { formatMoney, typeLabel } from "../components/format";
import { FacilitiesPanel } from "./FacilitiesPanel";
import { emptyRequest, RequestForm } from "./RequestForm";
import { navigate } from "../app/route";
import { useQuery } from "@tanstack/react-query";
import { affects, q, useApiMutation } from "../app/query";

export function RequestList() {
  const { data: requests = null } = useQuery(q.requests());
  const { data: departments = [] } = useQuery(q.departments());
  const create = useApiMutation(api.createRequest, affects.requests);
  const [adding, setAdding] = useState(false);

  const openRequest = (id: number) => navigate({ page: "request", id, tab: null });

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Capital requests</h1>
          <p className="muted">Each request ranks its candidate devices against weighted criteria.</p>
        </div>
        <div className="row-actions">
          {!adding && (
            <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="new-request">
              New request
            </button>
          )}
        </div>
      </div>

      <FacilitiesPanel open={departments.length === 0} />

      {adding && (
        <RequestForm
          initial={emptyRequest()}
          departments={departments}
          submitLabel="Create request"
          onCancel={() => setAdding(false)}
          onSubmit={async (input) => {
            const created = await create.mutateAsync([input]);
            setAdding(false);
            openRequest(created.id);
          }}
        />
      )}

      {requests === null ? (
        <p className="muted">Loading…</p>
      ) : requests.length === 0 ? (
        <EmptyState title="No capital requests yet">
          <p>Start with the equipment a department has asked for.</p>
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            New request
          </button>
        </EmptyState>
      ) : (
        <table className="table table-click">
          <thead>
            <tr>
              <th>Title</th>
              <th>Department</th>
              <th>Facility</th>
              <th className="num">FY</th>
              <th>Type</th>
              <th>Status</th>
              <th className="num">Candidates</th>
              <th className="num">Lowest quote</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((s) => (
              <tr
                key={s.request.id}
                data-testid={`request-${s.request.id}`}
                tabIndex={0}
                onClick={() => openRequest(s.request.id)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") openRequest(s.request.id);
                }}
                aria-label={`Open ${s.request.title}`}
              >
                <td className="strong">{s.request.title}</td>
                <td>{s.department}</td>
                <td>{s.facility}</td>
                <td className="num">FY{s.request.fiscal_year}</td>
                <td>{typeLabel(s.request.request_type)}</td>
                <td>
                  <StatusBadge status={s.request.status} />
                </td>
                <td className="num">{s.candidates}</td>
                <td className="num money">{formatMoney(s.lowest_quote)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
