import { useQuery } from "@tanstack/react-query";
import { api } from "../api";
import { affects, q, useApiMutation } from "../app/query";
import { navigate } from "../app/route";
import { Modal } from "../components/dialogs";
import { emptyRequest, RequestForm } from "../request/RequestForm";

/**
 * Opens a capital request that replaces the chosen assets: the form comes filled in (a
 * replacement, one unit per asset, the justification drafted by the engine from each asset's
 * priority), and the assets are linked to the request when it is created.
 */
export function RequestFromAssets({ assets, onClose }: { assets: string[]; onClose: () => void }) {
  const { data: departments } = useQuery(q.departments());
  const { data: assumptions } = useQuery(q.portfolioAssumptions());
  const { data: justification, error } = useQuery({
    queryKey: ["replacement_justification", assets],
    queryFn: () => api.replacementJustification(assets),
  });
  const create = useApiMutation(api.requestFromAssets, [...affects.requests, ...affects.inventory]);
  const ready = departments && assumptions && justification !== undefined;
  return (
    <Modal title={`New request replacing ${assets.length} asset${assets.length === 1 ? "" : "s"}`} onClose={onClose} testId="request-from-assets">
      {error && <p className="inline-problem">The assets’ priorities cannot be read: the justification is left for you to write.</p>}
      {departments && departments.length === 0 && (
        <p className="inline-problem">Add a facility and a department on the Requests page first: every request belongs to a department.</p>
      )}
      {ready ? (
        <RequestForm
          initial={{
            ...emptyRequest(),
            title: `Replace ${assets.length} asset${assets.length === 1 ? "" : "s"}`,
            quantity: assets.length,
            currency: assumptions.currency,
            justification: justification ?? "",
          }}
          departments={departments}
          submitLabel="Create request"
          onCancel={onClose}
          onSubmit={async (input) => {
            const created = await create.mutateAsync([input, assets]);
            onClose();
            navigate({ page: "request", id: created.id, tab: null });
          }}
        />
      ) : (
        <p className="muted">Drafting the justification…</p>
      )}
    </Modal>
  );
}
