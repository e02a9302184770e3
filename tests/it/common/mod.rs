//! The window as the tests drive it, shared by every test file that opens one.

use egui_kittest::Harness;
use sleeplab::ui::app::SleepLabApp;

/// A 1280×800 window around `app`, drawn as eframe draws it: the app's tick (frames drained,
/// actions applied), then its panels.
pub fn window(app: SleepLabApp) -> Harness<'static, SleepLabApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, app: &mut SleepLabApp| {
                app.tick(ui.ctx());
                app.show(ui);
            },
            app,
        )
}

pub mod cli;
pub mod pointer;

/// The bundled preset named `name` (as the Presets menu lists it).
pub fn bundled(name: &str) -> sleeplab::preset::Preset {
    let text = sleeplab::ui::BUNDLED_PRESETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .unwrap();
    sleeplab::preset::Preset::parse(text).unwrap()
}
