//! Sweeps in the window: one parameter a slider sets, from one value to another in N
//! values. The values and the preset of each are made by the command line's own sweep
//! code (`headless::vary`), so a bad range is refused with the same message, and the table
//! is written with the headless summary's columns.

use std::fmt::Write as _;

use egui::Ui;

use super::batch::{AnimalBatch, Condition};
use crate::headless::csv::summary_csv;
use crate::headless::vary::{VaryError, combinations};
use crate::headless::{RunReport, SummaryRow, Vary, VarySpec, mean_sd};
use crate::preset::Preset;

/// Most values one sweep in the window takes.
pub const MAX_VALUES: usize = 20;

/// A parameter the window's sliders set: its preset key, its slider's name, and the range
/// a sweep of it starts from (the slider's teaching range).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepKey {
    /// The key as in presets and `sweep --vary`.
    pub key: &'static str,
    /// The slider's name.
    pub label: &'static str,
    /// The start of the range offered.
    pub low: f64,
    /// The end of the range offered.
    pub high: f64,
    /// The key holds whole numbers: a sweep rounds its values.
    pub whole: bool,
}

/// Every parameter with a slider, in the order of the sliders.
pub const SWEEP_KEYS: [SweepKey; 8] = [
    SweepKey {
        key: "sleep.noise_scale",
        label: "Sleep noise scale",
        low: 0.0,
        high: 4.0,
        whole: false,
    },
    SweepKey {
        key: "sleep.learning_rate",
        label: "Sleep learning rate",
        low: 0.0,
        high: 4.0,
        whole: false,
    },
    SweepKey {
        key: "plasticity.learning_rate",
        label: "Learning rate",
        low: 0.0,
        high: 10.0,
        whole: false,
    },
    SweepKey {
        key: "plasticity.stdp_amplitude",
        label: "STDP amplitude",
        low: 0.0,
        high: 0.2,
        whole: false,
    },
    SweepKey {
        key: "plasticity.stdp_tau_ms",
        label: "STDP time constant (ms)",
        low: 0.5,
        high: 20.0,
        whole: false,
    },
    SweepKey {
        key: "plasticity.eligibility_cycles",
        label: "Eligibility (cycles)",
        low: 1.0,
        high: 20.0,
        whole: true,
    },
    SweepKey {
        key: "network.release_noise",
        label: "Release noise",
        low: 0.0,
        high: 0.5,
        whole: false,
    },
    SweepKey {
        key: "network.exploration_step",
        label: "Exploration",
        low: 0.0,
        high: 0.1,
        whole: false,
    },
];

/// What a sweep varies: one key, from `from` to `to` in `values` evenly spaced values.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepPlan {
    /// The key, as in presets (one of [`SWEEP_KEYS`]).
    pub key: String,
    /// The first value.
    pub from: f64,
    /// The last value.
    pub to: f64,
    /// How many values.
    pub values: usize,
}

impl Default for SweepPlan {
    /// The sleep noise scale over its slider's range, in five values.
    fn default() -> Self {
        let first = SWEEP_KEYS[0];
        Self {
            key: first.key.to_owned(),
            from: first.low,
            to: first.high,
            values: 5,
        }
    }
}

impl SweepPlan {
    /// The plan as `sweep --vary` writes it: `KEY=A:B:N`, or for a key that holds whole
    /// numbers the evenly spaced values rounded, `KEY=V1,V2,...` (a value met twice is
    /// refused, naming the key).
    pub fn vary_text(&self) -> String {
        let whole = SWEEP_KEYS.iter().any(|k| k.key == self.key && k.whole);
        if !whole || self.values < 2 {
            return format!("{}={}:{}:{}", self.key, self.from, self.to, self.values);
        }
        let step = (self.to - self.from) / (self.values - 1) as f64;
        let values: Vec<String> = (0..self.values)
            .map(|i| format!("{}", (self.from + step * i as f64).round()))
            .collect();
        format!("{}={}", self.key, values.join(","))
    }

    /// The slider's name of the key.
    pub fn label(&self) -> &str {
        SWEEP_KEYS
            .iter()
            .find(|k| k.key == self.key)
            .map_or(&self.key, |k| k.label)
    }
}

/// Why a sweep cannot start.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SweepError {
    /// Fewer than 2 values, or more than [`MAX_VALUES`].
    #[error("A sweep takes 2 to {max} values, not {0}", max = MAX_VALUES)]
    ValueCount(usize),
    /// The key or a value refused, in the command line's words (they name it).
    #[error("{0}")]
    Vary(String),
}

/// Each value of the sweep and the experiment with it, checked as the command line checks
/// them; the error names the key or the value.
pub fn points(experiment: &Preset, plan: &SweepPlan) -> Result<Vec<(Option<Vary>, Preset)>, SweepError> {
    if !(2..=MAX_VALUES).contains(&plan.values) {
        return Err(SweepError::ValueCount(plan.values));
    }
    let spec: VarySpec = plan
        .vary_text()
        .parse()
        .map_err(|e: VaryError| SweepError::Vary(e.to_string()))?;
    let all = combinations(experiment, &[spec], MAX_VALUES).map_err(|e| SweepError::Vary(e.to_string()))?;
    Ok(all
        .into_iter()
        .map(|(vary, preset)| (Some(vary), preset))
        .collect())
}

/// The number a point's varied key took (its first key), for the plot's x-axis.
pub fn value_of(vary: Option<&Vary>) -> Option<f64> {
    match vary?.0.first()?.1 {
        toml::Value::Float(v) => Some(v),
        toml::Value::Integer(v) => Some(v as f64),
        _ => None,
    }
}

/// Shows the sweep's settings: the parameter, the range and the number of values.
pub fn show_settings(ui: &mut Ui, plan: &mut SweepPlan) {
    ui.horizontal(|ui| {
        let before = plan.key.clone();
        egui::ComboBox::from_label("Parameter")
            .selected_text(plan.label().to_owned())
            .show_ui(ui, |ui| {
                for key in SWEEP_KEYS {
                    ui.selectable_value(&mut plan.key, key.key.to_owned(), key.label);
                }
            });
        // A new parameter starts from its slider's range.
        if plan.key != before
            && let Some(key) = SWEEP_KEYS.iter().find(|k| k.key == plan.key)
        {
            plan.from = key.low;
            plan.to = key.high;
        }
    });
    ui.horizontal(|ui| {
        let speed = (plan.to - plan.from).abs().max(0.01) / 100.0;
        ui.label("from");
        ui.add(egui::DragValue::new(&mut plan.from).speed(speed));
        ui.label("to");
        ui.add(egui::DragValue::new(&mut plan.to).speed(speed));
        ui.label("in");
        ui.add(egui::DragValue::new(&mut plan.values).range(2..=MAX_VALUES));
        ui.label("values");
    });
}

/// The batch's table as CSV: the headless summary's columns (the varied key, `preset`,
/// `label`, `n`, `t1_mean`, `t1_sd`, `t2_mean`, `t2_sd`) for the final test of each point
/// and condition, then the sleep benefit of the point, paired by seed: the mean and SD of
/// (task 1 with sleep − task 1 without), and the seeds where sleep kept task 1 better, of
/// how many pairs.
pub fn table_csv(batch: &AnimalBatch) -> String {
    let label = batch.final_label.clone().unwrap_or_else(|| "final".to_owned());
    let mut rows = Vec::new();
    let mut extras = Vec::new();
    for point in 0..batch.points() {
        let benefits = batch.benefits(point);
        let (benefit_mean, benefit_sd) = mean_sd(benefits.iter().copied());
        let (wins, pairs) = batch.sleep_wins(point);
        for condition in Condition::ALL {
            let Some(job) = batch.jobs.get(point * 2 + condition.offset()) else {
                continue;
            };
            let finals: Vec<_> = batch.animals(point, condition).collect();
            if finals.is_empty() {
                continue;
            }
            let (t1_mean, t1_sd) = mean_sd(finals.iter().map(|a| a.t1));
            let (t2_mean, t2_sd) = mean_sd(finals.iter().map(|a| a.t2));
            rows.push(SummaryRow {
                preset: job.name.clone(),
                vary: job.vary.clone(),
                label: label.clone(),
                n: finals.len(),
                t1_mean,
                t1_sd,
                t2_mean,
                t2_sd,
            });
            extras.push(format!("{benefit_mean},{benefit_sd},{wins},{pairs}"));
        }
    }
    let report = RunReport {
        summary: rows,
        runs: Vec::new(),
    };
    let mut out = String::new();
    for (k, line) in summary_csv(&report).lines().enumerate() {
        let extra = match k {
            0 => "t1_sleep_benefit_mean,t1_sleep_benefit_sd,sleep_better,pairs",
            _ => extras.get(k - 1).map_or("", String::as_str),
        };
        let _ = writeln!(out, "{line},{extra}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sweep_key_is_a_preset_key_and_its_range_is_accepted() {
        // Three values of 1 to 20 are 1, 10.5 and 20: a whole-number key takes 1, 11, 20.
        let preset = crate::ui::default_preset();
        for key in SWEEP_KEYS {
            let plan = SweepPlan {
                key: key.key.to_owned(),
                from: key.low,
                to: key.high,
                values: 3,
            };
            let all = points(&preset, &plan).unwrap_or_else(|e| panic!("{}: {e}", key.key));
            assert_eq!(all.len(), 3, "{}", key.key);
            assert_eq!(value_of(all[2].0.as_ref()), Some(key.high), "{}", key.key);
        }
    }

    #[test]
    fn a_bad_range_is_refused_naming_the_key() {
        let preset = crate::ui::default_preset();
        let plan = SweepPlan {
            key: "sleep.noise_scale".into(),
            from: -1.0,
            to: 1.0,
            values: 3,
        };
        let problem = points(&preset, &plan).unwrap_err().to_string();
        assert!(problem.contains("sleep.noise_scale"), "{problem}");
        let plan = SweepPlan {
            values: 1,
            ..SweepPlan::default()
        };
        assert!(
            points(&preset, &plan)
                .unwrap_err()
                .to_string()
                .contains("2 to 20 values")
        );
    }
}
