// The questions of the MDS2 form (ANSI/NEMA HN 1-2019), for the browser preview only: read
// from the same file the Rust library compiles in (models/assets/mds2/hn1-2019-questions.csv).
import csv from "../../models/assets/mds2/hn1-2019-questions.csv?raw";

/** Splits one CSV line into fields (double-quoted fields may hold commas and "" quotes). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export const MDS2_QUESTIONS: readonly (readonly [id: string, section: string, text: string])[] = csv
  .split(/\r?\n/)
  .slice(1)
  .filter((line) => line.trim() !== "")
  .map((line) => {
    const [id = "", section = "", text = ""] = fields(line);
    return [id, section, text] as const;
  });
