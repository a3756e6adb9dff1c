//! `new`, `facility`, `department`, `evaluator`, `criteria`, `score` and `weights apply`:
//! building a portfolio's requests from the command line.

use std::path::PathBuf;

use caliper_models::authoring::LabelledWeights;
use caliper_models::ids::{
    CandidateId, CriterionId, DepartmentId, EvaluatorId, FacilityId, RequestId,
};
use caliper_models::store::Portfolio;
use caliper_models::Result;

use crate::input::read_json;
use crate::output::{emit_line, print_criteria, print_done, print_json, shown};
use crate::portfolio::open_portfolio;

#[derive(clap::Args)]
pub struct NewArgs {
    /// The new portfolio file.
    path: PathBuf,
}

#[derive(clap::Subcommand)]
pub enum FacilityCommand {
    /// Add a facility (a hospital or site).
    Add {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// List the facilities.
    List {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Rename a facility.
    Edit {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        facility: FacilityId,
        #[arg(long)]
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a facility that has no departments.
    Remove {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        facility: FacilityId,
    },
}

#[derive(clap::Subcommand)]
pub enum DepartmentCommand {
    /// Add a department to a facility.
    Add {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        facility: FacilityId,
        #[arg(long)]
        name: String,
        #[arg(long)]
        cost_center: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List the departments of every facility.
    List {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Rename a department and set its cost center.
    Edit {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        department: DepartmentId,
        #[arg(long)]
        name: String,
        #[arg(long)]
        cost_center: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove a department that has no requests.
    Remove {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        department: DepartmentId,
    },
}

#[derive(clap::Subcommand)]
pub enum EvaluatorCommand {
    /// Add an evaluator (who scores candidates).
    Add {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        role: String,
        #[arg(long)]
        json: bool,
    },
    /// List the evaluators.
    List {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Remove an evaluator; one who has given scores only with --yes (the scores go too).
    Remove {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        evaluator: EvaluatorId,
        #[arg(long)]
        yes: bool,
    },
}

#[derive(clap::Subcommand)]
pub enum ScoreCommand {
    /// Record (or replace) an evaluator's score of a candidate on a judged criterion.
    Set {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        evaluator: EvaluatorId,
        #[arg(long)]
        candidate: CandidateId,
        #[arg(long)]
        criterion: CriterionId,
        /// 1 to 5.
        #[arg(long, value_parser = crate::input::score)]
        score: u8,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Write score sheets (XLSX with data validation, or CSV) for evaluators to fill in
    /// away from the app: one evaluator's (--evaluator, --out) or every evaluator's
    /// (--out-dir).
    Sheet(crate::score_sheet::SheetArgs),
    /// Read a returned score sheet: show what would change (new, changed, unchanged,
    /// blank, refused cells) and, with --confirm, merge it in one transaction.
    Import(crate::score_sheet::ImportArgs),
    /// List a request's scores.
    List {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
pub struct CriteriaArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    request: RequestId,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Subcommand)]
pub enum WeightsCommand {
    /// Write weights into a stored request: the output of `caliper weights` or `caliper
    /// ahp` (labels naming the request's criteria or categories, and their weights).
    Apply {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// Creates an empty portfolio; an existing file is never written over.
pub fn run_new(args: NewArgs) -> Result<()> {
    Portfolio::create(&args.path)?;
    emit_line(&format!(
        "created the empty portfolio {}",
        shown(&args.path.display().to_string())
    ))
}

pub fn run_facility(command: FacilityCommand) -> Result<()> {
    match command {
        FacilityCommand::Add {
            portfolio,
            name,
            json,
        } => {
            let f = open_portfolio(&portfolio, true)?.add_facility(&name)?;
            print_done(
                json,
                &f,
                &format!("added facility {} ({})", f.id, shown(&f.name)),
            )
        }
        FacilityCommand::List { portfolio, json } => {
            let list = open_portfolio(&portfolio, false)?.facilities()?;
            if json {
                return print_json(&list);
            }
            for f in list {
                emit_line(&format!("{:>4}  {}", f.id, shown(&f.name)))?;
            }
            Ok(())
        }
        FacilityCommand::Edit {
            portfolio,
            facility,
            name,
            json,
        } => {
            let f = open_portfolio(&portfolio, true)?.rename_facility(facility, &name)?;
            print_done(
                json,
                &f,
                &format!("renamed facility {} ({})", f.id, shown(&f.name)),
            )
        }
        FacilityCommand::Remove {
            portfolio,
            facility,
        } => {
            open_portfolio(&portfolio, true)?.remove_facility(facility)?;
            emit_line(&format!("removed facility {facility}"))
        }
    }
}

pub fn run_department(command: DepartmentCommand) -> Result<()> {
    match command {
        DepartmentCommand::Add {
            portfolio,
            facility,
            name,
            cost_center,
            json,
        } => {
            let d = open_portfolio(&portfolio, true)?.add_department(
                facility,
                &name,
                cost_center.as_deref(),
            )?;
            print_done(
                json,
                &d,
                &format!(
                    "added department {} ({}) to facility {}",
                    d.id,
                    shown(&d.name),
                    d.facility_id
                ),
            )
        }
        DepartmentCommand::List { portfolio, json } => {
            let list = open_portfolio(&portfolio, false)?.departments()?;
            if json {
                return print_json(&list);
            }
            for d in list {
                emit_line(&format!(
                    "{:>4}  facility {:>4}  {}",
                    d.id,
                    d.facility_id,
                    shown(&d.name)
                ))?;
            }
            Ok(())
        }
        DepartmentCommand::Edit {
            portfolio,
            department,
            name,
            cost_center,
            json,
        } => {
            let d = open_portfolio(&portfolio, true)?.edit_department(
                department,
                &name,
                cost_center.as_deref(),
            )?;
            print_done(
                json,
                &d,
                &format!("saved department {} ({})", d.id, shown(&d.name)),
            )
        }
        DepartmentCommand::Remove {
            portfolio,
            department,
        } => {
            open_portfolio(&portfolio, true)?.remove_department(department)?;
            emit_line(&format!("removed department {department}"))
        }
    }
}

pub fn run_evaluator(command: EvaluatorCommand) -> Result<()> {
    match command {
        EvaluatorCommand::Add {
            portfolio,
            name,
            role,
            json,
        } => {
            let e = open_portfolio(&portfolio, true)?.add_evaluator(&name, &role)?;
            print_done(
                json,
                &e,
                &format!("added evaluator {} ({})", e.id, shown(&e.name)),
            )
        }
        EvaluatorCommand::List { portfolio, json } => {
            let list = open_portfolio(&portfolio, false)?.evaluators()?;
            if json {
                return print_json(&list);
            }
            for e in list {
                emit_line(&format!(
                    "{:>4}  {}  {}",
                    e.id,
                    shown(&e.name),
                    shown(&e.role)
                ))?;
            }
            Ok(())
        }
        EvaluatorCommand::Remove {
            portfolio,
            evaluator,
            yes,
        } => {
            open_portfolio(&portfolio, true)?.remove_evaluator(evaluator, yes)?;
            emit_line(&format!("removed evaluator {evaluator}"))
        }
    }
}

pub fn run_score(command: ScoreCommand) -> Result<()> {
    match command {
        ScoreCommand::Set {
            portfolio,
            evaluator,
            candidate,
            criterion,
            score,
            comment,
        } => {
            open_portfolio(&portfolio, true)?.set_score(
                evaluator,
                candidate,
                criterion,
                Some(score),
                &comment,
            )?;
            emit_line(&format!(
                "evaluator {evaluator} scored candidate {candidate} {score} on criterion {criterion}"
            ))
        }
        ScoreCommand::Sheet(args) => crate::score_sheet::run_sheet(args),
        ScoreCommand::Import(args) => crate::score_sheet::run_import(args),
        ScoreCommand::List {
            portfolio,
            request,
            json,
        } => {
            let scores = open_portfolio(&portfolio, false)?.scores(request)?;
            if json {
                return print_json(&scores);
            }
            for s in scores {
                emit_line(&format!(
                    "evaluator {:>3}  candidate {:>3}  criterion {:>3}  {}",
                    s.evaluator_id, s.candidate_id, s.criterion_id, s.score
                ))?;
            }
            Ok(())
        }
    }
}

pub fn run_criteria(args: CriteriaArgs) -> Result<()> {
    let tree = open_portfolio(&args.portfolio, false)?.criteria_tree(args.request)?;
    if args.json {
        return print_json(&tree);
    }
    print_criteria(&tree)
}

pub fn run_weights_command(command: WeightsCommand) -> Result<()> {
    match command {
        WeightsCommand::Apply {
            portfolio,
            request,
            input,
            json,
        } => {
            let given: LabelledWeights = read_json(&input)?;
            let tree = open_portfolio(&portfolio, true)?.apply_weights(request, &given)?;
            if json {
                return print_json(&tree);
            }
            print_criteria(&tree)
        }
    }
}
