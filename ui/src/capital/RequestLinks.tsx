import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorPayload } from "../api";
import type { ErrorPayload, LinkKind, RequestLink } from "../bindings";
import { affects, q, useApiMutation } from "../app/query";

const KIND_TEXT: Record<LinkKind, string> = {
  requires: "needs (funded only with it, in the same or an earlier year)",
  excludes: "excludes (at most one of the two is funded)",
};

/** A request's links to other requests, added and removed; the engine refuses a circle of needs. */
export function RequestLinks({ requestId }: { requestId: number }) {
  const { data: links = [] } = useQuery(q.requestLinks());
  const { data: requests = [] } = useQuery(q.requests());
  const add = useApiMutation(api.addRequestLink, affects.links);
  const remove = useApiMutation(api.removeRequestLink, affects.links);
  const [other, setOther] = useState("");
  const [kind, setKind] = useState<LinkKind>("requires");
  const [error, setError] = useState<ErrorPayload | null>(null);
  const own = links.filter((l) => l.request_id === requestId || (l.kind === "excludes" && l.other_id === requestId));
  const title = (id: number) => requests.find((r) => r.request.id === id)?.request.title ?? `Request ${id}`;
  const run = async (p: Promise<unknown>) => {
    setError(null);
    try {
      await p;
    } catch (e) {
      setError(errorPayload(e));
    }
  };
  const link = (): RequestLink => ({ request_id: requestId, other_id: Number(other), kind });
  return (
    <div className="request-links" data-testid="request-links">
      <span className="field-label">Links to other requests</span>
      {own.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {own.map((l) => (
            <li key={`${l.request_id}-${l.other_id}-${l.kind}`}>
              {l.request_id === requestId ? `${KIND_TEXT[l.kind].split(" (")[0]} ${title(l.other_id)}` : `excludes ${title(l.request_id)}`}{" "}
              <button type="button" className="link-button" onClick={() => void run(remove.mutateAsync([l]))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row-actions">
        <select value={kind} onChange={(e) => setKind(e.target.value as LinkKind)} aria-label="Kind of link">
          <option value="requires">{KIND_TEXT.requires}</option>
          <option value="excludes">{KIND_TEXT.excludes}</option>
        </select>
        <select value={other} onChange={(e) => setOther(e.target.value)} aria-label="Other request" data-testid="link-other">
          <option value="">Choose a request…</option>
          {requests
            .filter((r) => r.request.id !== requestId)
            .map((r) => (
              <option key={r.request.id} value={r.request.id}>
                {r.request.title}
              </option>
            ))}
        </select>
        <button type="button" disabled={!other} onClick={() => void run(add.mutateAsync([link()]))} data-testid="link-add">
          Add link
        </button>
      </div>
      {error && <div className="field-error">{error.message}</div>}
    </div>
  );
}
