import { useState } from "react";

// Blind scoring: a courtesy of this screen (localStorage), not access control.

function readFlag(k: string): boolean {
  try {
    return localStorage.getItem(k) === "1";
  } catch {
    return false;
  }
}

function writeFlag(k: string, on: boolean): void {
  try {
    if (on) localStorage.setItem(k, "1");
    else localStorage.removeItem(k);
  } catch {
    // Not remembered; harmless.
  }
}

/** Whether scoring is blind for this request, and whether the evaluator has submitted their scores. */
export function useBlindScoring(requestId: number, evaluatorId: number | null) {
  const blindKey = `caliper.blind.${requestId}`;
  const submittedKey = (ev: number) => `caliper.submitted.${requestId}.${ev}`;
  const [blind, setBlindState] = useState(() => readFlag(blindKey));
  const [submittedTick, setSubmittedTick] = useState(0);
  const setBlind = (on: boolean) => {
    writeFlag(blindKey, on);
    setBlindState(on);
  };
  const submitted = evaluatorId !== null && submittedTick >= 0 && readFlag(submittedKey(evaluatorId));
  const setSubmitted = (on: boolean) => {
    if (evaluatorId === null) return;
    writeFlag(submittedKey(evaluatorId), on);
    setSubmittedTick((t) => t + 1);
  };
  return { blind, setBlind, submitted, setSubmitted };
}
