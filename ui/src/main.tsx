import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { installTransport } from "./api";
import { App } from "./App";
import "./styles.css";

declare global {
  interface Window {
    __TAURI_INTERNALS__?: unknown;
  }
}

async function start(): Promise<void> {
  // In a plain browser there is no Tauri backend: load the in-memory fake instead.
  if (!window.__TAURI_INTERNALS__) {
    const { mockInvoke } = await import("./mock");
    installTransport(mockInvoke);
  }
  const root = document.getElementById("root");
  if (!root) throw new Error("missing #root");
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
