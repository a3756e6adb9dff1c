// Changes made to the portfolio file outside this window: by another window, another
// Caliper or another program. The backend knows what this window last loaded; when the
// file has changed since, every query loads again and the window shows a notice. The
// window asks every few seconds while it is visible, when it gains focus, and after a
// change it sent was refused (a change sent from behind the file is refused, never
// written over a newer one).
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "../api";

const POLL_MS = 2000;

const listeners = new Set<(notice: string) => void>();
let asking: Promise<void> | null = null;

/**
 * Asks whether the portfolio changed elsewhere; if so, loads every query again and (unless
 * `quiet`) shows the notice. Concurrent calls share one request.
 */
export function checkForOutsideChanges(client: QueryClient, quiet = false): Promise<void> {
  asking ??= api
    .portfolioChanged()
    .then(async (notice) => {
      if (notice === null) return;
      if (!quiet) listeners.forEach((show) => show(notice));
      await client.invalidateQueries();
    })
    // A failed look is not worth a banner: the next one comes in a moment.
    .catch(() => undefined)
    .finally(() => {
      asking = null;
    });
  return asking;
}

/** Watches for outside changes while the window is shown; the latest notice, until dismissed. */
export function useOutsideChanges(): { notice: string | null; dismiss: () => void } {
  const client = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    const check = () => {
      if (document.visibilityState === "visible") void checkForOutsideChanges(client);
    };
    listeners.add(setNotice);
    const timer = window.setInterval(check, POLL_MS);
    window.addEventListener("focus", check);
    document.addEventListener("visibilitychange", check);
    check();
    return () => {
      listeners.delete(setNotice);
      window.clearInterval(timer);
      window.removeEventListener("focus", check);
      document.removeEventListener("visibilitychange", check);
    };
  }, [client]);
  return { notice, dismiss: () => setNotice(null) };
}
