//! `request` and `candidate`: a capital request and its candidate devices with their
//! quotes, created, edited, copied, removed, listed, exported and imported.

use std::path::PathBuf;

use caliper_models::authoring::{CandidateChanges, RequestChanges};
use caliper_models::document::RequestDocument;
use caliper_models::domain::{CandidateInput, RequestInput, RequestStatus, RequestType};
use caliper_models::ids::{CandidateId, DepartmentId, FacilityId, RequestId};
use caliper_models::output::write_atomically;
use caliper_models::ranking::Method;
use caliper_models::{Error, Result};
use chrono::NaiveDate;

use crate::input::{as_of_or_today, read_json};
use crate::output::{emit_line, print_candidates, print_done, print_json, print_requests, shown};
use crate::portfolio::open_portfolio;

/// A request's fields; on `edit`, those not given stay as they are.
#[derive(clap::Args)]
pub struct RequestFields {
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    department: Option<DepartmentId>,
    /// replacement, new_technology or expansion (default replacement).
    #[arg(long = "type", value_parser = crate::input::request_type)]
    request_type: Option<RequestType>,
    /// Units requested.
    #[arg(long, value_parser = crate::input::quantity)]
    quantity: Option<u32>,
    /// The fiscal year the money is needed in (e.g. 2027).
    #[arg(long)]
    fiscal_year: Option<i32>,
    #[arg(long)]
    justification: Option<String>,
    /// draft, in_assessment, recommended, approved, deferred or rejected (default draft).
    #[arg(long, value_parser = crate::input::status)]
    status: Option<RequestStatus>,
    /// ISO 4217 code of every amount of the request (default USD).
    #[arg(long)]
    currency: Option<String>,
    /// weighted_sum or topsis (default weighted_sum).
    #[arg(long, value_parser = crate::input::method)]
    method: Option<Method>,
}

impl RequestFields {
    fn changes(self) -> RequestChanges {
        RequestChanges {
            title: self.title,
            department_id: self.department,
            request_type: self.request_type,
            quantity: self.quantity,
            fiscal_year: self.fiscal_year,
            justification: self.justification,
            status: self.status,
            currency: self.currency,
            method: self.method,
        }
    }
}

#[derive(clap::Subcommand)]
pub enum RequestCommand {
    /// Create a request with the default criteria template (--title, --department,
    /// --quantity and --fiscal-year are required).
    Add {
        #[arg(long)]
        portfolio: PathBuf,
        /// When given, the department must belong to this facility.
        #[arg(long)]
        facility: Option<FacilityId>,
        #[command(flatten)]
        fields: RequestFields,
        #[arg(long)]
        json: bool,
    },
    /// Change some of a request's fields (its status included).
    Edit {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        #[command(flatten)]
        fields: RequestFields,
        #[arg(long)]
        json: bool,
    },
    /// A new draft request copied from an earlier one, with its criteria and weights.
    Copy {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        /// The copy's title (default: the original's, with "(copy)").
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List the requests.
    List {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write the whole request (criteria, weights, evaluators, candidates, quotes, cost
    /// models, profiles, scores) as one JSON document, to --out or standard output.
    Export {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Add the request of a JSON document (from `request export` or written by hand):
    /// checked completely, then saved in one transaction.
    Import {
        #[arg(long)]
        portfolio: PathBuf,
        /// The request document.
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Remove a request; with candidates or decisions, only with --yes.
    Remove {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        /// Remove what depends on it too.
        #[arg(long)]
        yes: bool,
    },
}

/// A candidate's fields and quote; on `edit`, those not given stay as they are.
#[derive(clap::Args)]
pub struct CandidateFields {
    #[arg(long)]
    manufacturer: Option<String>,
    #[arg(long)]
    model: Option<String>,
    #[arg(long)]
    vendor: Option<String>,
    /// FDA product code (three letters, e.g. BSZ); empty to clear.
    #[arg(long)]
    fda_code: Option<String>,
    /// Quoted unit price, a decimal in the request's currency (e.g. 41,500.00).
    #[arg(long)]
    unit_price: Option<String>,
    /// Quoted quantity.
    #[arg(long, value_parser = crate::input::quantity)]
    quantity: Option<u32>,
    /// The quote's date, YYYY-MM-DD; empty to clear.
    #[arg(long)]
    quote_date: Option<String>,
    /// The last day the quote is valid, YYYY-MM-DD; empty to clear.
    #[arg(long)]
    valid_until: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

impl CandidateFields {
    fn changes(self) -> CandidateChanges {
        CandidateChanges {
            manufacturer: self.manufacturer,
            model: self.model,
            vendor: self.vendor,
            fda_product_code: self.fda_code,
            unit_price: self.unit_price,
            quantity: self.quantity,
            quote_date: self.quote_date,
            valid_until: self.valid_until,
            notes: self.notes,
        }
    }
}

#[derive(clap::Subcommand)]
pub enum CandidateCommand {
    /// Add a candidate with its quote (--manufacturer, --model, --unit-price and
    /// --quantity are required).
    Add {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        #[command(flatten)]
        fields: CandidateFields,
        #[arg(long)]
        json: bool,
    },
    /// Change some of a candidate's fields or its quote.
    Edit {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        candidate: CandidateId,
        #[command(flatten)]
        fields: CandidateFields,
        #[arg(long)]
        json: bool,
    },
    /// Remove a candidate; with scores, a cost model or profiles, only with --yes.
    Remove {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        candidate: CandidateId,
        #[arg(long)]
        yes: bool,
    },
    /// List a request's candidates with their quotes and the warnings on them.
    List {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        /// The date quote validity is judged on (default: today).
        #[arg(long, value_parser = crate::input::date)]
        as_of: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run_request(command: RequestCommand) -> Result<()> {
    match command {
        RequestCommand::Add {
            portfolio,
            facility,
            fields,
            json,
        } => {
            let input = new_request(fields.changes());
            let r = open_portfolio(&portfolio, true)?.create_request_in(facility, &input)?;
            print_done(
                json,
                &r,
                &format!("added request {} ({})", r.id, shown(&r.title)),
            )
        }
        RequestCommand::Edit {
            portfolio,
            request,
            fields,
            json,
        } => {
            let r = open_portfolio(&portfolio, true)?.edit_request(request, &fields.changes())?;
            print_done(
                json,
                &r,
                &format!("changed request {} ({})", r.id, shown(&r.title)),
            )
        }
        RequestCommand::Copy {
            portfolio,
            request,
            title,
            json,
        } => {
            let r = open_portfolio(&portfolio, true)?.copy_request(request, title.as_deref())?;
            print_done(
                json,
                &r,
                &format!(
                    "copied request {request} to request {} ({})",
                    r.id,
                    shown(&r.title)
                ),
            )
        }
        RequestCommand::List { portfolio, json } => {
            let list = open_portfolio(&portfolio, false)?.requests()?;
            if json {
                return print_json(&list);
            }
            print_requests(&list)
        }
        RequestCommand::Export {
            portfolio,
            request,
            out,
        } => {
            let doc = open_portfolio(&portfolio, false)?.export_request(request)?;
            match out {
                None => print_json(&doc),
                Some(path) => {
                    let mut text = serde_json::to_string_pretty(&doc)
                        .map_err(|e| Error::internal(e.to_string()))?;
                    text.push('\n');
                    write_atomically(&path, text.as_bytes())?;
                    emit_line(&format!(
                        "exported request {request} to {}",
                        shown(&path.display().to_string())
                    ))
                }
            }
        }
        RequestCommand::Import {
            portfolio,
            input,
            json,
        } => {
            let doc: RequestDocument = read_json(&input)?;
            let r = open_portfolio(&portfolio, true)?.import_request(&doc)?;
            print_done(
                json,
                &r,
                &format!("imported request {} ({})", r.id, shown(&r.title)),
            )
        }
        RequestCommand::Remove {
            portfolio,
            request,
            yes,
        } => {
            open_portfolio(&portfolio, true)?.remove_request(request, yes)?;
            emit_line(&format!("removed request {request}"))
        }
    }
}

/// A new request's fields: what is not given is missing (and refused by the engine,
/// naming the field) or takes the usual default.
fn new_request(c: RequestChanges) -> RequestInput {
    RequestInput {
        title: c.title.unwrap_or_default(),
        department_id: c.department_id.unwrap_or(DepartmentId(0)),
        request_type: c.request_type.unwrap_or(RequestType::Replacement),
        quantity: c.quantity.unwrap_or(0),
        fiscal_year: c.fiscal_year.unwrap_or(0),
        justification: c.justification.unwrap_or_default(),
        status: c.status.unwrap_or(RequestStatus::Draft),
        currency: c.currency.unwrap_or_else(|| "USD".into()),
        method: c.method.unwrap_or_default(),
    }
}

/// A new candidate's fields: what is not given is missing (and refused by the engine).
fn new_candidate(c: CandidateChanges) -> CandidateInput {
    CandidateInput {
        manufacturer: c.manufacturer.unwrap_or_default(),
        model: c.model.unwrap_or_default(),
        vendor: c.vendor.unwrap_or_default(),
        fda_product_code: c.fda_product_code,
        unit_price: c.unit_price.unwrap_or_default(),
        quantity: c.quantity.unwrap_or(0),
        quote_date: c.quote_date,
        valid_until: c.valid_until,
        notes: c.notes.unwrap_or_default(),
    }
}

pub fn run_candidate(command: CandidateCommand) -> Result<()> {
    match command {
        CandidateCommand::Add {
            portfolio,
            request,
            fields,
            json,
        } => {
            let input = new_candidate(fields.changes());
            let c = open_portfolio(&portfolio, true)?.add_candidate(request, &input)?;
            print_done(
                json,
                &c,
                &format!("added candidate {} ({})", c.id, shown(&c.label())),
            )
        }
        CandidateCommand::Edit {
            portfolio,
            candidate,
            fields,
            json,
        } => {
            let c =
                open_portfolio(&portfolio, true)?.edit_candidate(candidate, &fields.changes())?;
            print_done(
                json,
                &c,
                &format!("changed candidate {} ({})", c.id, shown(&c.label())),
            )
        }
        CandidateCommand::Remove {
            portfolio,
            candidate,
            yes,
        } => {
            open_portfolio(&portfolio, true)?.remove_candidate(candidate, yes)?;
            emit_line(&format!("removed candidate {candidate}"))
        }
        CandidateCommand::List {
            portfolio,
            request,
            as_of,
            json,
        } => {
            let list = open_portfolio(&portfolio, false)?
                .candidate_quotes(request, Some(as_of_or_today(as_of)))?;
            if json {
                return print_json(&list);
            }
            print_candidates(&list)
        }
    }
}
