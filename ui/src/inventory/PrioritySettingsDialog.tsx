import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorPayload } from "../api";
import type { ErrorPayload, ExpectedLife, Factor, InventorySettings, ReplacementWeights } from "../bindings";
import { FACTOR_LABELS, FACTOR_VALUES } from "../ipc.gen";
import { affects, q } from "../app/query";
import { Modal } from "../components/dialogs";

/** The weights' fields by factor (the engine's names). */
const WEIGHT_OF: Record<Factor, keyof ReplacementWeights> = {
  age: "age",
  maintenance_cost: "maintenance_cost",
  reliability: "reliability",
  end_of_support: "end_of_support",
  risk: "risk",
  recalls: "recalls",
  cyber: "cyber",
};

/**
 * The committee's settings of the replacement priority: the weight of each factor, the labour
 * rate that costs work orders, and the expected lives by device type with where each comes
 * from. Saved together; the engine checks them and the priorities are computed again.
 */
export function PrioritySettingsDialog({ onClose, onSaved }: { onClose: () => void; onSaved: (summary: string) => void }) {
  const { data: settings } = useQuery(q.inventorySettings());
  const { data: lives } = useQuery(q.expectedLives());
  if (!settings || !lives) return null;
  return <SettingsForm settings={settings} lives={lives} onClose={onClose} onSaved={onSaved} />;
}

function SettingsForm({
  settings,
  lives,
  onClose,
  onSaved,
}: {
  settings: InventorySettings;
  lives: ExpectedLife[];
  onClose: () => void;
  onSaved: (summary: string) => void;
}) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<InventorySettings>(settings);
  const [rows, setRows] = useState<ExpectedLife[]>(lives);
  const [problem, setProblem] = useState<ErrorPayload | null>(null);
  const [saving, setSaving] = useState(false);
  const setLife = (i: number, patch: Partial<ExpectedLife>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const save = async () => {
    setSaving(true);
    setProblem(null);
    try {
      await api.setInventorySettings(draft);
      await api.setExpectedLives(rows.filter((r) => r.device_type.trim() !== ""));
      const run = await api.refreshPriorities(() => {});
      onSaved(`Settings saved: ${run.scored.toLocaleString()} of ${run.assets.toLocaleString()} active assets scored again.`);
    } catch (e) {
      setProblem(errorPayload(e));
    } finally {
      setSaving(false);
      await client.invalidateQueries({ predicate: (x) => (affects.inventory as readonly unknown[]).includes(x.queryKey[0]) });
    }
  };
  return (
    <Modal title="Replacement priority settings" onClose={onClose} testId="priority-settings">
      <h4>Weights (points)</h4>
      <div className="form-grid">
        {FACTOR_VALUES.map((f) => (
          <label key={f}>
            {FACTOR_LABELS[f]}
            <input
              className="num"
              inputMode="numeric"
              value={draft.weights[WEIGHT_OF[f]]}
              onChange={(e) => setDraft({ ...draft, weights: { ...draft.weights, [WEIGHT_OF[f]]: Number(e.target.value) || 0 } })}
              data-testid={`weight-${f}`}
            />
          </label>
        ))}
        <label>
          Labour rate (per hour)
          <input
            className="num"
            value={draft.labour_rate ?? ""}
            placeholder="not stated"
            onChange={(e) => setDraft({ ...draft, labour_rate: e.target.value.trim() || null })}
            data-testid="labour-rate"
          />
        </label>
      </div>
      <h4 style={{ marginTop: 14 }}>Expected lives by device type</h4>
      <table className="mapping-grid">
        <thead>
          <tr>
            <th>Device type</th>
            <th className="num">Years</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input value={r.device_type} onChange={(e) => setLife(i, { device_type: e.target.value })} aria-label="Device type" />
              </td>
              <td>
                <input
                  className="num"
                  style={{ width: "5em" }}
                  value={r.years ?? ""}
                  placeholder="blank"
                  onChange={(e) => setLife(i, { years: e.target.value.trim() || null })}
                  aria-label={`Years of ${r.device_type}`}
                />
              </td>
              <td>
                <input value={r.source ?? ""} style={{ minWidth: 260 }} onChange={(e) => setLife(i, { source: e.target.value || null })} aria-label="Source" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setRows([...rows, { device_type: "", years: null, source: null }])}>
        Add a device type
      </button>
      {problem && (
        <p className="inline-problem" role="alert">
          {problem.field ? `${problem.field}: ` : ""}
          {problem.message}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={saving} onClick={save} data-testid="priority-settings-save">
          {saving ? "Saving…" : "Save and recompute"}
        </button>
      </div>
    </Modal>
  );
}
