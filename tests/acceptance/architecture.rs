//! The invariants of ARCHITECTURE.md that a reading of the source can check: pure modules
//! do no I/O and read no clock, only the IPC module calls the backend from the window, the
//! desktop commands are adapters, and no file or function outgrows a screen or two.

use std::path::{Path, PathBuf};

use caliper_tests::repo_root;

/// The files under `dir` (relative to the repository root) whose names end with one of `exts`.
fn files(dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, exts, out);
            } else if exts.iter().any(|e| path.to_string_lossy().ends_with(e)) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo_root().join(dir), exts, &mut out);
    out.sort();
    assert!(!out.is_empty(), "no {exts:?} files under {dir}");
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(repo_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The source without its `#[cfg(test)]` module, which may use files and clocks freely.
fn non_test_source(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Modules that compute: deterministic, no file system, database, process or clock.
const PURE: &[&str] = &[
    "models/src/money.rs",
    "models/src/ids.rs",
    "models/src/criteria.rs",
    "models/src/aggregate.rs",
    "models/src/ranking",
    "models/src/lifecycle",
    "models/src/finance",
    "models/src/ahp.rs",
    "models/src/sensitivity",
    "models/src/compat",
    "models/src/scoresheet",
    "models/src/plan",
    "models/src/capital",
    "models/src/inventory",
    "models/src/evidence",
    // Group purchasing's engine (its members are read by `workspace`).
    "models/src/gpo",
];

const IMPURE_MARKS: &[&str] = &[
    "std::fs",
    "File::",
    "rusqlite",
    "std::process",
    "std::net",
    "::now()",
    "SystemTime",
    "thread_rng",
    "std::env",
];

#[test]
fn pure_modules_do_no_io_and_read_no_clock() {
    let mut offences = Vec::new();
    for module in PURE {
        let paths = if module.ends_with(".rs") {
            let single = repo_root().join(module);
            if single.exists() {
                vec![single]
            } else {
                Vec::new()
            }
        } else {
            let as_file = repo_root().join(format!("{module}.rs"));
            let mut paths = if as_file.exists() {
                vec![as_file]
            } else {
                Vec::new()
            };
            if repo_root().join(module).is_dir() {
                paths.extend(files(module, &[".rs"]));
            }
            paths
        };
        assert!(!paths.is_empty(), "{module} does not exist");
        for path in paths {
            let text = non_test_source(&path);
            for mark in IMPURE_MARKS {
                if text.contains(mark) {
                    offences.push(format!("{} uses {mark}", relative(&path)));
                }
            }
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

/// Figures, briefs and exports depend on an as-of date given as an argument, never on the
/// clock. The exceptions are record-keeping time stamps no figure reads: a backup's file
/// name (and the age of the last backup), and when a decision or a status change was
/// recorded.
#[test]
fn the_domain_library_reads_no_clock_outside_the_cli() {
    let offences: Vec<String> = files("models/src", &[".rs"])
        .into_iter()
        .filter(|p| !relative(p).starts_with("models/src/bin/"))
        .filter(|p| {
            !matches!(
                relative(p).as_str(),
                "models/src/store/backup.rs" | "models/src/store/decisions.rs"
            )
        })
        .filter(|p| {
            let text = non_test_source(p);
            text.contains("Local::now")
                || text.contains("Utc::now")
                || text.contains("SystemTime::now")
        })
        .map(|p| relative(&p))
        .collect();
    assert!(
        offences.is_empty(),
        "the as-of date is an argument; these read the clock: {offences:?}"
    );
}

#[test]
fn only_the_ipc_module_calls_the_backend_from_the_window() {
    let allowed = ["ui/src/api.ts", "ui/src/ipc.gen.ts"];
    let offences: Vec<String> = files("ui/src", &[".ts", ".tsx"])
        .into_iter()
        .filter(|p| !allowed.contains(&relative(p).as_str()))
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text.contains("@tauri-apps/api/core") || text.contains("__TAURI")
        })
        .map(|p| relative(&p))
        .collect();
    assert!(offences.is_empty(), "{offences:?}");
}

/// Lines of every `fn` in `text` whose body spans more than `limit` lines, as
/// (name, lines). A body ends at the first line that closes it at the same indentation.
fn long_functions(text: &str, limit: usize) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let signature = trimmed
            .trim_start_matches("pub ")
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub(super) ")
            .trim_start_matches("async ")
            .trim_start_matches("const ");
        let Some(rest) = signature.strip_prefix("fn ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // A declaration without a body (a trait item, a contract entry) ends with `;`.
        let head: String = lines[i..]
            .iter()
            .flat_map(|l| l.chars())
            .take_while(|c| *c != '{' && *c != ';')
            .collect();
        if lines[i..]
            .iter()
            .flat_map(|l| l.chars())
            .nth(head.chars().count())
            != Some('{')
        {
            continue;
        }
        let close = format!("{}}}", " ".repeat(indent));
        if let Some(end) = lines[i + 1..].iter().position(|l| l.trim_end() == close) {
            if end + 2 > limit {
                out.push((name, end + 2));
            }
        }
    }
    out
}

/// Data tables: long by nature, one entry a few lines (the rule table, the criteria
/// template, the list of types sent to the window).
const DATA_TABLES: &[&str] = &["default_rules", "default_template", "typescript"];

#[test]
fn no_rust_file_over_800_lines_and_no_function_over_120() {
    let mut offences = Vec::new();
    for dir in ["models/src", "src-tauri/src", "models/benches"] {
        for path in files(dir, &[".rs"]) {
            let code = non_test_source(&path);
            let n = code.lines().count();
            if n > 800 {
                offences.push(format!("{}: {n} lines", relative(&path)));
            }
            for (name, lines) in long_functions(&code, 120) {
                if !DATA_TABLES.contains(&name.as_str()) {
                    offences.push(format!("{}: fn {name} has {lines} lines", relative(&path)));
                }
            }
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

#[test]
fn no_ui_component_file_over_260_lines() {
    let offences: Vec<String> = files("ui/src", &[".tsx"])
        .into_iter()
        .filter_map(|p| {
            let n = std::fs::read_to_string(&p).unwrap().lines().count();
            (n > 260).then(|| format!("{}: {n} lines", relative(&p)))
        })
        .collect();
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

#[test]
fn desktop_commands_are_adapters_of_a_few_lines() {
    let mut offences = Vec::new();
    for path in files("src-tauri/src/commands", &[".rs"]) {
        let code = non_test_source(&path);
        for (name, lines) in long_functions(&code, 20) {
            offences.push(format!("{}: fn {name} has {lines} lines", relative(&path)));
        }
    }
    assert!(
        offences.is_empty(),
        "a command parses, calls one models function and returns: {}",
        offences.join("\n")
    );
}

/// The main window may send exactly the commands of the IPC contract: each is granted
/// (`allow-<command>`, which the desktop build declares to Tauri), and every Caliper
/// permission granted names a command of the contract. The window may neither open nor
/// reveal files itself: Caliper's own commands do, for the files it exported.
#[test]
fn the_window_is_granted_exactly_the_contracts_commands() {
    let mut granted = std::collections::BTreeSet::new();
    let mut plugins = Vec::new();
    for path in files("src-tauri/capabilities", &[".json"]) {
        let capability: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(
            capability["windows"],
            serde_json::json!(["main"]),
            "{}",
            relative(&path)
        );
        for permission in capability["permissions"].as_array().unwrap() {
            let id = permission
                .as_str()
                .or_else(|| permission["identifier"].as_str())
                .unwrap()
                .to_string();
            if id.contains(':') {
                plugins.push(id);
            } else {
                assert!(granted.insert(id.clone()), "{id} granted twice");
            }
        }
    }
    let contract: std::collections::BTreeSet<String> = caliper_models::ipc::commands()
        .iter()
        .map(|c| c.permission())
        .collect();
    let missing: Vec<_> = contract.difference(&granted).collect();
    let unknown: Vec<_> = granted.difference(&contract).collect();
    assert!(
        missing.is_empty(),
        "commands of the contract not granted: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "granted, but not commands of the contract: {unknown:?}"
    );
    assert!(
        plugins.iter().all(|p| !p.starts_with("opener:")),
        "the window opens no path itself: {plugins:?}"
    );
}
