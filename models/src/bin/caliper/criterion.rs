//! `category add` and `criterion add|edit|remove`: a request's criteria from the command
//! line (`criteria` lists them with their ids, `weights apply` sets weights together).

use std::path::PathBuf;

use caliper_models::criteria::{CriterionInput, CriterionKind, CriterionSource, Direction};
use caliper_models::ids::{CategoryId, CriterionId, RequestId};
use caliper_models::Result;

use crate::output::{emit_line, print_done, shown};
use crate::portfolio::open_portfolio;

#[derive(clap::Subcommand)]
pub enum CategoryCommand {
    /// Add a category of criteria to a request.
    Add {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        #[arg(long)]
        name: String,
        #[arg(long)]
        json: bool,
    },
}

/// What a criterion says, as flags; each is optional for `edit`.
#[derive(clap::Args)]
pub struct CriterionFields {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// judged (scored 1-5 by evaluators) or measured (a number in a unit).
    #[arg(long, value_parser = crate::input::criterion_kind)]
    kind: Option<CriterionKind>,
    /// benefit (more is better) or cost (less is better).
    #[arg(long, value_parser = crate::input::direction)]
    direction: Option<Direction>,
    /// The unit of a measured criterion (USD, hours, gaps).
    #[arg(long)]
    unit: Option<String>,
    /// The raw weight (the ranking normalises weights to 100 %).
    #[arg(long)]
    weight: Option<f64>,
    /// What a level of the 1-5 scale means: give it five times, lowest first.
    #[arg(long = "anchor")]
    anchors: Vec<String>,
}

impl CriterionFields {
    fn over(self, base: CriterionInput) -> CriterionInput {
        CriterionInput {
            category_id: base.category_id,
            name: self.name.unwrap_or(base.name),
            description: self.description.unwrap_or(base.description),
            direction: self.direction.unwrap_or(base.direction),
            kind: self.kind.unwrap_or(base.kind),
            unit: self.unit.unwrap_or(base.unit),
            anchors: if self.anchors.is_empty() {
                base.anchors
            } else {
                self.anchors
            },
            weight: self.weight.unwrap_or(base.weight),
            source: base.source,
        }
    }
}

#[derive(clap::Subcommand)]
pub enum CriterionCommand {
    /// Add a criterion to a category of a request.
    Add {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        category: CategoryId,
        #[command(flatten)]
        fields: CriterionFields,
        #[arg(long)]
        json: bool,
    },
    /// Change what a criterion says (only the flags given change).
    Edit {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        criterion: CriterionId,
        #[command(flatten)]
        fields: CriterionFields,
        #[arg(long)]
        json: bool,
    },
    /// Remove a criterion; one with scores or values only with --yes (they go too).
    Remove {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        criterion: CriterionId,
        #[arg(long)]
        yes: bool,
    },
}

pub fn run_category(command: CategoryCommand) -> Result<()> {
    match command {
        CategoryCommand::Add {
            portfolio,
            request,
            name,
            json,
        } => {
            let c = open_portfolio(&portfolio, true)?.add_category(request, &name)?;
            print_done(
                json,
                &c,
                &format!("added category {} ({})", c.id, shown(&c.name)),
            )
        }
    }
}

pub fn run_criterion(command: CriterionCommand) -> Result<()> {
    match command {
        CriterionCommand::Add {
            portfolio,
            category,
            fields,
            json,
        } => {
            let input = fields.over(CriterionInput {
                category_id: category,
                name: String::new(),
                description: String::new(),
                direction: Direction::Benefit,
                kind: CriterionKind::Judged,
                unit: String::new(),
                anchors: Vec::new(),
                weight: 0.0,
                source: CriterionSource::Entered,
            });
            let c = open_portfolio(&portfolio, true)?.add_criterion(&input)?;
            print_done(
                json,
                &c,
                &format!("added criterion {} ({})", c.id, shown(&c.name)),
            )
        }
        CriterionCommand::Edit {
            portfolio,
            criterion,
            fields,
            json,
        } => {
            let mut p = open_portfolio(&portfolio, true)?;
            let current = p.criterion(criterion)?;
            let input = fields.over(CriterionInput {
                category_id: current.category_id,
                name: current.name,
                description: current.description,
                direction: current.direction,
                kind: current.kind,
                unit: current.unit,
                anchors: current.anchors,
                weight: current.weight,
                source: current.source,
            });
            let c = p.update_criterion(criterion, &input)?;
            print_done(
                json,
                &c,
                &format!("saved criterion {} ({})", c.id, shown(&c.name)),
            )
        }
        CriterionCommand::Remove {
            portfolio,
            criterion,
            yes,
        } => {
            open_portfolio(&portfolio, true)?.remove_criterion(criterion, yes)?;
            emit_line(&format!("removed criterion {criterion}"))
        }
    }
}
