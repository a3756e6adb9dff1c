//! Declares Caliper's commands to Tauri's permission system, from the capability that
//! `caliper-models` generates from the IPC contract (`capabilities/commands.json`): each
//! granted `allow-<command>` is a command of the app, and a command not declared here is
//! refused to every window.

const CAPABILITY: &str = "capabilities/commands.json";

fn main() {
    println!("cargo:rerun-if-changed={CAPABILITY}");
    let text = std::fs::read_to_string(CAPABILITY)
        .unwrap_or_else(|e| panic!("cannot read {CAPABILITY}: {e}"));
    let capability: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{CAPABILITY} is not JSON: {e}"));
    let commands: Vec<&'static str> = capability["permissions"]
        .as_array()
        .unwrap_or_else(|| panic!("{CAPABILITY} has no permission list"))
        .iter()
        .map(|p| {
            let permission = p.as_str().unwrap_or_default();
            let command = permission
                .strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{CAPABILITY}: '{permission}' is not allow-<command>"));
            &*String::leak(command.replace('-', "_"))
        })
        .collect();
    let manifest = tauri_build::AppManifest::new().commands(Vec::leak(commands));
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .unwrap_or_else(|e| panic!("tauri build: {e:#}"));
}
