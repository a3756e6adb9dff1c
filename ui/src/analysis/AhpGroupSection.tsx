import type { AhpResult, ErrorPayload } from "../bindings";
import { familyColor } from "../components/format";
import type { Group, Item } from "./ahpJudgements";
import { AhpResultPanel } from "./AhpResultPanel";
import { judgementText, ratioText, verbal } from "./ahpScale";
import { SaatyScale } from "./SaatyScale";

/** One comparison matrix: every pair of its elements on the scale, and the weights they give. */
export function AhpGroupSection({
  group,
  index,
  result,
  error,
  get,
  setJudgement,
}: {
  group: Group;
  index: number;
  result: AhpResult | undefined;
  error: ErrorPayload | undefined;
  get: (group: string, a: number, b: number) => number;
  setJudgement: (group: string, a: number, b: number, v: number) => void;
}) {
  const flagged = new Map<string, number>();
  if (result?.inconsistent) {
    for (const w of result.worst_judgements) {
      const a = group.items[w.row];
      const b = group.items[w.column];
      if (a && b) flagged.set(`${a.id}:${b.id}`, w.implied);
    }
  }
  const pairs: [Item, Item][] = [];
  group.items.forEach((a, i) => group.items.slice(i + 1).forEach((b) => pairs.push([a, b])));
  return (
    <section className={`ahp-group${result?.inconsistent ? " ahp-group-bad" : ""}`} data-testid={`ahp-group-${group.key}`}>
      <h3>
        {index === 0 ? "1. Categories against each other" : `${index + 1}. Within ${group.title}`}
        {group.family !== null && <i className="swatch ahp-swatch" style={{ background: familyColor(group.family) }} />}
      </h3>
      {group.items.length === 1 ? (
        <p className="muted">
          {group.key === "cat"
            ? `Only one category (${group.items[0]?.label ?? ""}) has criteria: it takes 100 %.`
            : `One criterion (${group.items[0]?.label ?? ""}): it takes the whole category weight; nothing to compare.`}
        </p>
      ) : (
        <div className="ahp-body">
          <div className="ahp-pairs">
            <div className="pair-head">
              <span>← more important</span>
              <span>equal</span>
              <span>more important →</span>
            </div>
            {pairs.map(([a, b]) => {
              const v = get(group.key, a.id, b.id);
              const implied = flagged.get(`${a.id}:${b.id}`);
              return (
                <div key={`${a.id}-${b.id}`} className={`pair-row${implied !== undefined ? " pair-flag" : ""}`}>
                  <span className={`pair-a${v > 1 ? " pair-win" : ""}`} title={a.label}>
                    {a.label}
                  </span>
                  <SaatyScale
                    a={a.label}
                    b={b.label}
                    value={v}
                    onChange={(nv) => setJudgement(group.key, a.id, b.id, nv)}
                    testid={`pair-${group.key}-${a.id}-${b.id}`}
                  />
                  <span className={`pair-b${v < 1 ? " pair-win" : ""}`} title={b.label}>
                    {b.label}
                  </span>
                  <span className="pair-value" title={verbal(a.label, b.label, v)}>
                    {judgementText(v)}
                    {implied !== undefined && (
                      <span className="pair-implied" title="The ratio the derived weights imply for this pair">
                        weights imply {ratioText(implied)}
                      </span>
                    )}
                  </span>
                </div>
              );
            })}
          </div>
          <AhpResultPanel group={group} result={result} error={error} />
        </div>
      )}
    </section>
  );
}
