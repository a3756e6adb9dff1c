// The UI's linter: typescript-eslint's recommended rules and the rules of React hooks.
import Module from "node:module";
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// typescript-eslint parses with TypeScript's JavaScript API, which TypeScript 7 (the native
// compiler that type-checks this project) no longer ships: inside the linter, "typescript" is
// TypeScript 6.0, installed as "typescript-api".
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === "typescript" ? "typescript-api" : request, ...rest);
};
const { default: tseslint } = await import("typescript-eslint");

export default tseslint.config(
  { ignores: ["dist/", "src/bindings.ts"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
  },
);
