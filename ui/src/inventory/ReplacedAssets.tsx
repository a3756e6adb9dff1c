import { useQuery } from "@tanstack/react-query";
import { api } from "../api";

/** The installed assets a request replaces (opened from the inventory), as a short line. */
export function ReplacedAssets({ requestId }: { requestId: number }) {
  const { data } = useQuery({ queryKey: ["request_assets", requestId], queryFn: () => api.requestAssets(requestId) });
  if (!data || data.length === 0) return null;
  return (
    <p className="muted small" data-testid="replaced-assets">
      Replaces {data.length} asset{data.length === 1 ? "" : "s"} of the inventory:{" "}
      {data.map((a) => `${a.asset_number}${a.device_type ? ` (${a.device_type})` : ""}`).join(", ")}
    </p>
  );
}
