import type { AhpResult, ErrorPayload } from "../bindings";
import { familyColor, percent } from "../components/format";
import type { Group } from "./ahpJudgements";

// Pairwise comparison (AHP) on Saaty's 1-9 scale. The judgements live in this component and in
// localStorage (per request): the backend computes weights and consistency but does not store them.

export function AhpResultPanel({ group, result, error }: { group: Group; result: AhpResult | undefined; error: ErrorPayload | undefined }) {
  if (error) {
    return (
      <div className="ahp-result">
        <div className="inline-problem">{error.message}</div>
      </div>
    );
  }
  if (!result) {
    return (
      <div className="ahp-result">
        <span className="muted">Computing…</span>
      </div>
    );
  }
  const max = Math.max(...result.weights, 1e-9);
  return (
    <div className="ahp-result" data-testid={`ahp-result-${group.key}`}>
      <h4>Local weights</h4>
      <ul className="plain ahp-weights">
        {group.items.map((it, i) => {
          const w = result.weights[i] ?? 0;
          return (
            <li key={it.id}>
              <span className="ahp-w-name" title={it.label}>
                {it.label}
              </span>
              <span className="ahp-w-bar">
                <span
                  style={{
                    width: `${(w / max) * 100}%`,
                    background: group.family === null ? familyColor(i) : familyColor(group.family, i, group.items.length),
                  }}
                />
              </span>
              <span className="ahp-w-num">{percent(w)}</span>
            </li>
          );
        })}
      </ul>
      <dl className="ahp-stats">
        <div>
          <dt title="Principal eigenvalue; equals n for perfectly consistent judgements">λ max</dt>
          <dd>{result.lambda_max.toFixed(3)}</dd>
        </div>
        <div>
          <dt title="Consistency index (λ max − n) / (n − 1)">CI</dt>
          <dd>{result.ci.toFixed(3)}</dd>
        </div>
        <div className={result.inconsistent ? "ahp-bad" : ""}>
          <dt title="Consistency ratio CI / RI; above 0.10 the judgements should be reviewed">CR</dt>
          <dd data-testid={`ahp-cr-${group.key}`}>{result.cr === null ? "—" : result.cr.toFixed(3)}</dd>
        </div>
        <div>
          <dt title={`Random index for n = ${result.labels.length}`}>RI</dt>
          <dd>{result.ri === null ? "—" : String(result.ri)}</dd>
        </div>
      </dl>
      <div className="subtle">
        Random index: {result.random_index_name}; weights by {result.weighting === "eigenvector" ? "principal eigenvector" : "geometric mean"}.
      </div>
      {result.cr === null ? (
        <div className="subtle">Two elements are always consistent: no CR.</div>
      ) : result.inconsistent ? (
        <div className="ahp-warning" role="status">
          Judgements are inconsistent (CR {result.cr.toFixed(2)} &gt; 0.10): review the highlighted pairs.
        </div>
      ) : (
        <div className="ahp-ok">Consistent enough (CR {result.cr.toFixed(2)} ≤ 0.10).</div>
      )}
    </div>
  );
}
