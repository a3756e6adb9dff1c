import { type Dispatch, type SetStateAction, useEffect, useMemo, useState } from "react";
import { api, errorPayload } from "../api";
import type { AhpResult, AhpWeighting, CategoryCriteria, RandomIndex } from "../bindings";
import type { RequestData } from "../request/useRequestData";
import { ConfirmDialog } from "../components/dialogs";
import { useReport } from "../components/report";
import { getStatic, type Group, load, storageKey, type Stored } from "./ahpJudgements";
import { judgement } from "./ahpScale";
import { useAhpResults } from "./useAhpResults";
import { AhpGroupSection } from "./AhpGroupSection";
import { AhpGlobalWeights, type GlobalRow } from "./AhpGlobalWeights";
import { affects, useApiMutation } from "../app/query";

// Pairwise comparison (AHP) on Saaty's 1-9 scale. The judgements live in this component and in
// localStorage (per request): the backend computes weights and consistency but does not store them.

export function AhpPanel({ data }: { data: RequestData }) {
  const applyWeights = useApiMutation(api.applyWeights, affects.criteria);
  const report = useReport();
  const requestId = data.request.id;
  const [stored, setStored] = useState<Stored>(() => load(requestId));
  const [confirm, setConfirm] = useState(false);
  const [applied, setApplied] = useState(false);

  useEffect(() => {
    try {
      localStorage.setItem(storageKey(requestId), JSON.stringify(stored));
    } catch {
      // Storage full or disabled: the judgements still hold for this session.
    }
  }, [requestId, stored]);

  const cats = useMemo(() => data.tree.filter((t) => t.criteria.length > 0), [data.tree]);
  const groups: Group[] = useMemo(() => {
    const out: Group[] = [];
    out.push({ key: "cat", title: "Categories", items: cats.map((t) => ({ id: t.category.id, label: t.category.name })), family: null });
    data.tree.forEach((t, i) => {
      if (t.criteria.length > 0) {
        out.push({ key: `crit-${t.category.id}`, title: t.category.name, items: t.criteria.map((c) => ({ id: c.id, label: c.name })), family: i });
      }
    });
    return out;
  }, [cats, data.tree]);

  const get = (group: string, a: number, b: number): number => getStatic(stored, group, a, b);
  const setJudgement = (group: string, a: number, b: number, v: number) => {
    setApplied(false);
    setStored((s) => {
      const j = { ...s.judgements };
      delete j[`${group}:${b}:${a}`];
      if (Math.abs(v - 1) < 1e-9) delete j[`${group}:${a}:${b}`];
      else j[`${group}:${a}:${b}`] = v;
      return { ...s, judgements: j };
    });
  };

  // Live weights, debounced: one ahp_weights call per matrix of two or more elements.
  const inputs = useMemo(
    () =>
      groups
        .filter((g) => g.items.length >= 2)
        .map((g) => ({
          key: g.key,
          input: {
            labels: g.items.map((i) => i.label),
            matrix: g.items.map((ri) => g.items.map((ci) => judgement(ri.id === ci.id ? 1 : getStatic(stored, g.key, ri.id, ci.id)))),
            weighting: stored.weighting,
            random_index: stored.randomIndex,
          },
        })),
    [groups, stored],
  );
  const { results, errors } = useAhpResults(inputs);

  const rows = globalRows(data.tree, cats, groups, results);
  const complete = rows.length > 0 && rows.every((r) => r.global !== null) && Object.keys(errors).length === 0;
  const inconsistent = Object.values(results).some((r) => r.inconsistent);
  const total = data.totalWeight;

  const apply = async () => {
    setConfirm(false);
    try {
      // Raw weights summing to 100, to two decimals so they read cleanly in the direct view.
      await applyWeights.mutateAsync([rows.map((r) => [r.c.id, Math.round((r.global ?? 0) * 10000) / 100])]);
      setApplied(true);
    } catch (e) {
      report(errorPayload(e));
    }
  };

  if (cats.length === 0) return <p className="muted">Add criteria first: there is nothing to compare.</p>;

  return (
    <div className="ahp">
      <AhpOptions stored={stored} setStored={setStored} />

      {groups.map((g, gi) => (
        <AhpGroupSection
          key={g.key}
          group={g}
          index={gi}
          result={results[g.key]}
          error={errors[g.key]}
          get={get}
          setJudgement={setJudgement}
        />
      ))}

      <AhpGlobalWeights
        rows={rows}
        total={total}
        complete={complete}
        inconsistent={inconsistent}
        applied={applied}
        onApply={() => setConfirm(true)}
      />

      {confirm && (
        <ConfirmDialog
          title="Apply pairwise weights"
          message={`Replace the weights of all ${rows.length} criteria with the pairwise weights? The ranking will change accordingly; the judgements stay here.`}
          confirmLabel="Apply weights"
          onCancel={() => setConfirm(false)}
          onConfirm={() => void apply()}
        />
      )}
    </div>
  );
}

/** How the weights are derived (eigenvector or geometric mean) and which random index the CR uses. */
function AhpOptions({ stored, setStored }: { stored: Stored; setStored: Dispatch<SetStateAction<Stored>> }) {
  return (
    <div className="ahp-options">
      <span className="muted">
        For each pair, pick how much more important one side is: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9
        extremely (even numbers between). Arrow keys move along a scale.
      </span>
      <label className="inline-label">
        Weights by{" "}
        <select value={stored.weighting} onChange={(e) => setStored((s) => ({ ...s, weighting: e.target.value as AhpWeighting }))}>
          <option value="eigenvector">Principal eigenvector</option>
          <option value="geometric_mean">Geometric mean</option>
        </select>
      </label>
      <label className="inline-label">
        Random index{" "}
        <select value={stored.randomIndex} onChange={(e) => setStored((s) => ({ ...s, randomIndex: e.target.value as RandomIndex }))}>
          <option value="saaty1980">Saaty (1980)</option>
          <option value="saaty2005">Saaty (2005)</option>
          <option value="alonso_lamata2006">Alonso and Lamata (2006)</option>
        </select>
      </label>
    </div>
  );
}

// Global weight = category weight x local weight (a single element takes the whole weight).
function globalRows(tree: CategoryCriteria[], cats: CategoryCriteria[], groups: Group[], results: Record<string, AhpResult>): GlobalRow[] {
  const localOf = (g: Group, idx: number): number | null => {
    if (g.items.length === 1) return 1;
    const r = results[g.key];
    return r ? (r.weights[idx] ?? null) : null;
  };
  const catGroup = groups[0];
  return tree.flatMap((t, ti) => {
    const ci = cats.findIndex((c) => c.category.id === t.category.id);
    const g = groups.find((x) => x.key === `crit-${t.category.id}`);
    if (ci < 0 || !g || !catGroup) return [];
    const cw = localOf(catGroup, ci);
    return t.criteria.map((c, j) => {
      const lw = localOf(g, j);
      return { c, category: t.category.name, family: ti, j, n: t.criteria.length, cw, lw, global: cw !== null && lw !== null ? cw * lw : null };
    });
  });
}
