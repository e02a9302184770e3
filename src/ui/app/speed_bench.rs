//! `sleeplab window --bench`: the window measuring its own speed.

use super::{Command, Control, Duration, Instant, ManualPhase, SleepLabApp, WindowBench};

impl SleepLabApp {
    /// Starts measuring: waking task 1 at full speed for `secs` seconds (after one second of
    /// warm-up), then prints what was achieved and closes the window.
    pub fn start_bench(&mut self, secs: f64) {
        self.controls.full_speed = true;
        self.controls.running = true;
        self.controls.control = Control::Manual(ManualPhase::WakeT1);
        self.send(Command::SetControl(self.controls.control));
        self.send(Command::SetSpeed(None));
        self.send(Command::Run(true));
        self.bench = Some(WindowBench {
            secs,
            started: Instant::now(),
            from: None,
        });
    }

    pub(super) fn bench_tick(&mut self, ctx: &egui::Context) {
        let Some(bench) = &mut self.bench else { return };
        let cycle = self.frame.as_ref().map_or(0, |f| f.cycle);
        if bench.from.is_none() && bench.started.elapsed() >= Duration::from_secs(1) {
            bench.from = Some((Instant::now(), cycle, self.frames_shown));
        }
        if let Some((since, first_cycle, first_frame)) = bench.from {
            let secs = since.elapsed().as_secs_f64();
            if secs >= bench.secs {
                let cycles_hz = (cycle - first_cycle) as f64 / secs;
                let fps = (self.frames_shown - first_frame) as f64 / secs;
                println!("window wake {cycles_hz:.0} cycles/s");
                println!("window ui   {fps:.1} frames/s");
                self.bench = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}
