import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Tauri loads ui/dist from the file system, hence the relative base.
export default defineConfig({
  base: "./",
  plugins: [react()],
  clearScreen: false,
  // The browser preview's mock reads the MDS2 question list from models/assets.
  server: { port: 1420, strictPort: true, fs: { allow: [".."] } },
  build: { target: "es2021", sourcemap: false },
});
