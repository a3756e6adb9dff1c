import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, errorPayload } from "../api";
import type { ErrorPayload, Facility } from "../bindings";
import { q, useApiMutation } from "../app/query";
import { Field } from "../components/fields";

const AFFECTED = ["list_facilities", "list_departments", "list_requests"] as const;

/** One line form: a name (and for a department its cost center) and an Add button. */
function AddForm({
  label,
  testId,
  withCostCenter,
  onAdd,
}: {
  label: string;
  testId: string;
  withCostCenter?: boolean;
  onAdd: (name: string, costCenter: string | null) => Promise<unknown>;
}) {
  const [name, setName] = useState("");
  const [costCenter, setCostCenter] = useState("");
  const [error, setError] = useState<ErrorPayload | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await onAdd(name, costCenter.trim() ? costCenter : null);
      setName("");
      setCostCenter("");
      setError(null);
    } catch (err) {
      setError(errorPayload(err));
    }
  };
  return (
    <form className="field-row" onSubmit={(e) => void submit(e)} data-testid={testId}>
      <Field label={label} error={error?.message}>
        <input value={name} onChange={(e) => setName(e.target.value)} data-testid={`${testId}-name`} />
      </Field>
      {withCostCenter && (
        <Field label="Cost center (optional)">
          <input value={costCenter} onChange={(e) => setCostCenter(e.target.value)} />
        </Field>
      )}
      <div className="form-actions">
        <button type="submit" disabled={!name.trim()} data-testid={`${testId}-add`}>
          Add
        </button>
      </div>
    </form>
  );
}

function FacilityBlock({ facility }: { facility: Facility }) {
  const { data: departments = [] } = useQuery(q.departments());
  const addDepartment = useApiMutation(api.addDepartment, AFFECTED);
  const own = departments.filter((d) => d.facility_id === facility.id);
  return (
    <div className="profile-section" data-testid={`facility-${facility.id}`}>
      <h3 className="subsection">{facility.name}</h3>
      {own.length === 0 ? (
        <p className="muted">No departments yet.</p>
      ) : (
        <ul>
          {own.map((d) => (
            <li key={d.id}>
              {d.name}
              {d.cost_center ? <span className="muted"> · cost center {d.cost_center}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <AddForm
        label="New department"
        testId={`add-department-${facility.id}`}
        withCostCenter
        onAdd={(name, cc) => addDepartment.mutateAsync([facility.id, name, cc])}
      />
    </div>
  );
}

/**
 * The portfolio's facilities and their departments: a request belongs to a department, so
 * a new portfolio starts here. Names are checked by the engine (duplicates refused).
 */
export function FacilitiesPanel({ open }: { open: boolean }) {
  const { data: facilities = [] } = useQuery(q.facilities());
  const addFacility = useApiMutation(api.addFacility, AFFECTED);
  return (
    <details className="facilities-panel" open={open} data-testid="facilities-panel">
      <summary>
        <strong>Facilities and departments</strong>{" "}
        <span className="muted">
          {facilities.length === 0 ? "none yet: add the hospital and the requesting department first" : `${facilities.length} facilit${facilities.length === 1 ? "y" : "ies"}`}
        </span>
      </summary>
      {facilities.map((f) => (
        <FacilityBlock key={f.id} facility={f} />
      ))}
      <AddForm label="New facility (hospital or site)" testId="add-facility" onAdd={(name) => addFacility.mutateAsync([name])} />
    </details>
  );
}
