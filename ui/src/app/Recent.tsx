import { useQuery } from "@tanstack/react-query";
import { Modal } from "../components/dialogs";
import { SHORTCUT_HELP } from "./commands";
import { q } from "./query";

/**
 * The portfolios opened lately (kept by the app, most recent first; files gone are left
 * out), each opened with a click. `current` (the open portfolio) is not listed.
 */
export function RecentPortfolios({ current, onOpen }: { current: string | null; onOpen: (path: string) => void }) {
  const recent = useQuery(q.recentPortfolios());
  const shown = (recent.data ?? []).filter((r) => r.path !== current);
  if (shown.length === 0) return null;
  return (
    <section className="subsection" data-testid="recent-portfolios">
      <h2>Recent portfolios</h2>
      <ul className="plain">
        {shown.map((r) => (
          <li key={r.path}>
            <button type="button" className="link-button" onClick={() => onOpen(r.path)} title={r.path} data-testid="recent-portfolio">
              {r.name}
            </button>{" "}
            <span className="muted">{r.path}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Help ▸ Documentation and Shortcuts (F1): the keyboard shortcuts and where the guides are. */
export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Documentation and shortcuts" onClose={onClose} size="normal" testId="help-dialog">
      <table className="table compact-table">
        <tbody>
          {SHORTCUT_HELP.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        On macOS, Cmd takes the place of Ctrl. The guides to the ranking, the lifecycle cost, compatibility, the decision analysis and the
        budget brief are in the <code>docs/</code> folder that comes with Caliper.
      </p>
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
