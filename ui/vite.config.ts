import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Tauri loads ui/dist from the file system, hence the relative base.
export default defineConfig({
  base: "./",
  plugins: [react()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { target: "es2021", sourcemap: false },
});
