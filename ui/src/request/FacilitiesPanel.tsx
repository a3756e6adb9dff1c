import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, errorPayload } from "../api";
import type { Department, ErrorPayload, Facility } from "../bindings";
import { q, useApiMutation } from "../app/query";
import { ConfirmDialog } from "../components/dialogs";
import { Field } from "../components/fields";
import { useReport } from "../components/report";

const AFFECTED = ["list_facilities", "list_departments", "list_requests"] as const;

/** One line form: a name (and for a department its cost center) and an Add button. */
function AddForm({
  label,
  testId,
  withCostCenter,
  initial,
  submitLabel = "Add",
  onAdd,
  onCancel,
}: {
  label: string;
  testId: string;
  withCostCenter?: boolean;
  initial?: { name: string; costCenter: string | null };
  submitLabel?: string;
  onAdd: (name: string, costCenter: string | null) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? "");
  const [costCenter, setCostCenter] = useState(initial?.costCenter ?? "");
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
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

type Removing = { what: "facility" | "department"; id: number; name: string; detail: string } | null;

function DepartmentItem({ department, onRemove }: { department: Department; onRemove: () => void }) {
  const [editing, setEditing] = useState(false);
  const edit = useApiMutation(api.editDepartment, AFFECTED);
  if (editing) {
    return (
      <li>
        <AddForm
          label="Department"
          testId={`edit-department-${department.id}`}
          withCostCenter
          initial={{ name: department.name, costCenter: department.cost_center }}
          submitLabel="Save"
          onAdd={async (name, cc) => {
            await edit.mutateAsync([department.id, name, cc]);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li data-testid={`department-${department.id}`}>
      {department.name}
      {department.cost_center ? <span className="muted"> · cost center {department.cost_center}</span> : null}{" "}
      <button type="button" className="link-button" onClick={() => setEditing(true)}>
        Rename
      </button>{" "}
      <button type="button" className="link-button" onClick={onRemove} data-testid={`remove-department-${department.id}`}>
        Remove
      </button>
    </li>
  );
}

function FacilityBlock({ facility, onRemove }: { facility: Facility; onRemove: (r: Removing) => void }) {
  const { data: departments = [] } = useQuery(q.departments());
  const addDepartment = useApiMutation(api.addDepartment, AFFECTED);
  const rename = useApiMutation(api.renameFacility, AFFECTED);
  const [renaming, setRenaming] = useState(false);
  const own = departments.filter((d) => d.facility_id === facility.id);
  return (
    <div className="profile-section" data-testid={`facility-${facility.id}`}>
      {renaming ? (
        <AddForm
          label="Facility"
          testId={`rename-facility-${facility.id}`}
          initial={{ name: facility.name, costCenter: null }}
          submitLabel="Save"
          onAdd={async (name) => {
            await rename.mutateAsync([facility.id, name]);
            setRenaming(false);
          }}
          onCancel={() => setRenaming(false)}
        />
      ) : (
        <h3 className="subsection">
          {facility.name}{" "}
          <button type="button" className="link-button" onClick={() => setRenaming(true)}>
            Rename
          </button>{" "}
          <button
            type="button"
            className="link-button"
            data-testid={`remove-facility-${facility.id}`}
            onClick={() =>
              onRemove({
                what: "facility",
                id: facility.id,
                name: facility.name,
                detail: own.length > 0 ? `It has ${own.length} department${own.length === 1 ? "" : "s"}: the facility can be removed once they are.` : "It has no departments.",
              })
            }
          >
            Remove
          </button>
        </h3>
      )}
      {own.length === 0 ? (
        <p className="muted">No departments yet.</p>
      ) : (
        <ul>
          {own.map((d) => (
            <DepartmentItem
              key={d.id}
              department={d}
              onRemove={() => onRemove({ what: "department", id: d.id, name: d.name, detail: "A department with requests cannot be removed until they are." })}
            />
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
  const removeFacility = useApiMutation(api.removeFacility, AFFECTED);
  const removeDepartment = useApiMutation(api.removeDepartment, AFFECTED);
  const report = useReport();
  const [removing, setRemoving] = useState<Removing>(null);
  // Open while the portfolio has no department, and then as the user leaves it: adding
  // the first department does not fold the panel away under the user's hands.
  const [expanded, setExpanded] = useState(open);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setExpanded(true);
  }
  return (
    <details
      className="facilities-panel"
      open={expanded}
      onToggle={(e) => setExpanded(e.currentTarget.open)}
      data-testid="facilities-panel"
    >
      <summary>
        <strong>Facilities and departments</strong>{" "}
        <span className="muted">
          {facilities.length === 0 ? "none yet: add the hospital and the requesting department first" : `${facilities.length} facilit${facilities.length === 1 ? "y" : "ies"}`}
        </span>
      </summary>
      {facilities.map((f) => (
        <FacilityBlock key={f.id} facility={f} onRemove={setRemoving} />
      ))}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.what}`}
          message={`Remove the ${removing.what} “${removing.name}”? ${removing.detail}`}
          confirmLabel={`Remove ${removing.what}`}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const r = removing;
            setRemoving(null);
            const done = r.what === "facility" ? removeFacility.mutateAsync([r.id]) : removeDepartment.mutateAsync([r.id]);
            done.catch((e) => report(errorPayload(e)));
          }}
        />
      )}
      <AddForm label="New facility (hospital or site)" testId="add-facility" onAdd={(name) => addFacility.mutateAsync([name])} />
    </details>
  );
}
