import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorPayload, pickMemberFile, pickWorkspaceFile } from "../api";
import { keys } from "../app/query";
import type { ErrorPayload, GroupAnalysis, GroupMember } from "../bindings";
import { fileName, type GroupSetup } from "./state";

/**
 * The member files: a path typed or chosen, read by the engine before it joins the list (a
 * file that is not a portfolio, of a newer schema, given twice or in another currency is
 * refused beside the form, with the engine's words); each member with its hospital's name.
 */
export function Members({
  setup,
  onChange,
  analysis,
  onReload,
}: {
  setup: GroupSetup;
  onChange: (s: GroupSetup) => void;
  analysis: GroupAnalysis | undefined;
  onReload: () => void;
}) {
  const client = useQueryClient();
  const [path, setPath] = useState("");
  const [name, setName] = useState("");
  const [workspace, setWorkspace] = useState(setup.workspace ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);

  /** Reads the list with `next` in it; only a list the engine reads is kept. */
  const tryList = async (members: GroupMember[], file: string | null) => {
    if (members.length === 0) {
      onChange({ ...setup, members, workspace: file });
      setError(null);
      return true;
    }
    setBusy(true);
    try {
      const result = await api.groupAnalysis(members, file, setup.options);
      client.setQueryData(keys.groupAnalysis(members, file, setup.options), result);
      onChange({ ...setup, members, workspace: file });
      setError(null);
      return true;
    } catch (e) {
      setError(errorPayload(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const add = async (given?: string) => {
    const p = (given ?? path).trim();
    if (!p) return;
    const member: GroupMember = { name: name.trim() || null, path: p };
    if (await tryList([...setup.members, member], setup.workspace)) {
      setPath("");
      setName("");
    }
  };

  const choose = async () => {
    const picked = await pickMemberFile();
    if (picked) await add(picked);
  };

  const remove = (i: number) => {
    onChange({ ...setup, members: setup.members.filter((_, j) => j !== i) });
    setError(null);
  };

  const loadWorkspace = async (file: string) => {
    try {
      const listed = await api.groupWorkspaceMembers(file);
      const known = new Set(setup.members.map((m) => m.path));
      await tryList([...setup.members, ...listed.filter((m) => !known.has(m.path))], file);
    } catch (e) {
      setError(errorPayload(e));
    }
  };

  const memberOf = (p: string) => analysis?.members.find((m) => m.files.includes(p));

  return (
    <section className="panel gpo-members" data-testid="gpo-members">
      <div className="section-head">
        <h2>Members</h2>
        <div className="row-actions">
          <span className="subtle">Each file is opened read-only; Caliper never writes a member's file.</span>
          {setup.members.length > 0 && (
            <button type="button" className="small" onClick={onReload} title="Read the member files again (a hospital may have changed its file)" data-testid="gpo-reload">
              Read again
            </button>
          )}
        </div>
      </div>
      {setup.members.length > 0 && (
        <table className="table compact-table" data-testid="gpo-member-list">
          <thead>
            <tr>
              <th>Member hospital</th>
              <th>File</th>
              <th className="num">Quotes</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {setup.members.map((m, i) => {
              const read = memberOf(m.path);
              return (
                <tr key={m.path} data-testid="gpo-member">
                  <td className="strong" data-testid="gpo-member-name">
                    {read?.name ?? m.name ?? "…"}
                  </td>
                  <td title={m.path}>
                    <span className="code">{fileName(m.path)}</span>
                  </td>
                  <td className="num">{read?.quotes ?? ""}</td>
                  <td className="actions">
                    <button type="button" className="small" onClick={() => remove(i)} data-testid={`gpo-remove-${i}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form
        className="gpo-add"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <input
          className="gpo-path"
          placeholder="Path of a member's portfolio (.caliper) or request package (.json)"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          data-testid="gpo-member-path"
        />
        <input placeholder="Hospital name (optional)" value={name} onChange={(e) => setName(e.target.value)} data-testid="gpo-member-name-input" />
        <button type="button" onClick={() => void choose()} disabled={busy}>
          Choose…
        </button>
        <button type="submit" className="primary" disabled={busy || path.trim() === ""} data-testid="gpo-member-add">
          {busy ? "Reading…" : "Add"}
        </button>
      </form>
      {error && (
        <div className="inline-problem" role="alert" data-testid="gpo-member-error">
          {error.message}
        </div>
      )}
      <form
        className="gpo-add gpo-workspace"
        onSubmit={(e) => {
          e.preventDefault();
          if (workspace.trim()) void loadWorkspace(workspace.trim());
        }}
      >
        <span className="field-label">Workspace</span>
        <input
          className="gpo-path"
          placeholder="Workspace file (.json) to keep the match decisions in; created when missing"
          value={workspace}
          onChange={(e) => setWorkspace(e.target.value)}
          data-testid="gpo-workspace-path"
        />
        <button
          type="button"
          onClick={() =>
            void pickWorkspaceFile().then((w) => {
              if (w) {
                setWorkspace(w);
                void loadWorkspace(w);
              }
            })
          }
        >
          Choose…
        </button>
        <button type="submit" disabled={busy || workspace.trim() === "" || workspace.trim() === setup.workspace} data-testid="gpo-workspace-use">
          Use
        </button>
        {setup.workspace && (
          <button
            type="button"
            onClick={() => {
              setWorkspace("");
              onChange({ ...setup, workspace: null });
            }}
            title="Stop using the workspace file (it is kept as it is)"
          >
            Forget
          </button>
        )}
      </form>
      <p className="subtle" data-testid="gpo-workspace">
        {setup.workspace
          ? `Match decisions are saved in ${setup.workspace}, with this list of member files.`
          : "No workspace: match decisions cannot be saved until a workspace file is given. Its member files are added to the list."}
      </p>
    </section>
  );
}
