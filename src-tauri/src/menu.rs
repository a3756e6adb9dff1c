//! The native menu bar: File, Edit, Help. An item's click (or its accelerator) is sent to
//! the main window as a `menu` event whose payload is the item's id; the window runs the
//! same action as its own buttons. Quit and About are the shell's own; Edit's items are
//! the platform's, so text fields get undo, cut, copy, paste and select all.

use caliper_models::recent::RecentPortfolio;
use tauri::menu::{
    AboutMetadataBuilder, Menu, MenuBuilder, MenuEvent, MenuItemBuilder, PredefinedMenuItem,
    Submenu, SubmenuBuilder,
};
use tauri::{AppHandle, Emitter, Manager, Wry};

/// The event the window receives for a menu item.
pub const MENU_EVENT: &str = "menu";
/// The id of an Open Recent item: this prefix and the portfolio's path.
const RECENT: &str = "recent:";
const QUIT: &str = "quit";

/// File ▸ Open Recent, kept to be filled again when the list changes.
pub struct RecentMenu(Submenu<Wry>);

/// The menu bar, with `recent` under File ▸ Open Recent.
pub fn build(app: &AppHandle, recent: &[RecentPortfolio]) -> tauri::Result<Menu<Wry>> {
    let item = |id: &str, text: &str, accelerator: Option<&str>| {
        let builder = MenuItemBuilder::with_id(id, text);
        match accelerator {
            Some(a) => builder.accelerator(a).build(app),
            None => builder.build(app),
        }
    };
    let open_recent = SubmenuBuilder::with_id(app, "open-recent", "Open Recent").build()?;
    fill_recent(app, &open_recent, recent)?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&item("new", "New…", Some("CmdOrCtrl+N"))?)
        .item(&item("open", "Open…", Some("CmdOrCtrl+O"))?)
        .item(&open_recent)
        .item(&item("demo", "Open the Demo", None)?)
        .separator()
        .item(&item("export-brief", "Export Brief…", Some("CmdOrCtrl+E"))?)
        .item(&item(
            "export-workbook",
            "Export Workbook…",
            Some("CmdOrCtrl+Shift+E"),
        )?)
        .separator()
        .item(&item("backups", "Backups…", None)?)
        .separator()
        .item(&item(QUIT, "Quit", Some("CmdOrCtrl+Q"))?)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .separator()
        .select_all()
        .build()?;
    let about = AboutMetadataBuilder::new()
        .name(Some("Caliper"))
        .version(Some(env!("CARGO_PKG_VERSION")))
        .comments(Some(
            "Capital equipment assessment for hospital clinical engineering",
        ))
        .build();
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item(
            "documentation",
            "Documentation and Shortcuts",
            Some("F1"),
        )?)
        .separator()
        .item(&PredefinedMenuItem::about(
            app,
            Some("About Caliper"),
            Some(about.clone()),
        )?)
        .build()?;
    app.manage(RecentMenu(open_recent));
    let mut bar = MenuBuilder::new(app);
    if cfg!(target_os = "macos") {
        // macOS shows the first submenu under the application's name.
        let application = SubmenuBuilder::new(app, "Caliper")
            .about(Some(about))
            .separator()
            .services()
            .separator()
            .hide()
            .hide_others()
            .show_all()
            .build()?;
        bar = bar.item(&application);
    }
    bar.items(&[&file, &edit, &help]).build()
}

/// Puts `recent` in File ▸ Open Recent in place of what it listed.
pub fn show_recent(app: &AppHandle, recent: &[RecentPortfolio]) -> tauri::Result<()> {
    match app.try_state::<RecentMenu>() {
        Some(menu) => fill_recent(app, &menu.0, recent),
        None => Ok(()),
    }
}

fn fill_recent(
    app: &AppHandle,
    submenu: &Submenu<Wry>,
    recent: &[RecentPortfolio],
) -> tauri::Result<()> {
    for old in submenu.items()? {
        submenu.remove(&old)?;
    }
    if recent.is_empty() {
        let none = MenuItemBuilder::with_id("recent-none", "No recent portfolios")
            .enabled(false)
            .build(app)?;
        return submenu.append(&none);
    }
    for r in recent {
        let text = format!("{} — {}", r.name, r.path);
        let entry = MenuItemBuilder::with_id(format!("{RECENT}{}", r.path), text).build(app)?;
        submenu.append(&entry)?;
    }
    Ok(())
}

/// Quit exits; every other item goes to the main window.
pub fn on_event(app: &AppHandle, event: MenuEvent) {
    let id = event.id().as_ref();
    if id == QUIT {
        app.exit(0);
    } else if let Err(e) = app.emit_to("main", MENU_EVENT, id) {
        eprintln!("caliper: the menu item {id} did not reach the window: {e}");
    }
}
