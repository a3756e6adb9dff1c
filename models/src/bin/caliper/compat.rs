//! `compat`, `site-profile`, `device-profile` and `compat-rules`: how well each candidate
//! fits the hospital's EHR, network and security requirements, and the profiles and rules
//! that decide it.

use std::path::PathBuf;

use caliper_models::compat::{CompatRule, DeviceProfile, SiteProfile};
use caliper_models::ids::{CandidateId, FacilityId, RequestId};

use caliper_models::Result;

use crate::input::{read_json, Switch};
use crate::output::{print_compatibility, print_json};
use crate::portfolio::open_portfolio;

#[derive(clap::Args)]
pub struct CompatArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    request: RequestId,
    /// Leave candidates with a blocking gap out of the ranking (on) or not (off).
    #[arg(long)]
    disqualify_blocking: Option<Switch>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct SiteProfileArgs {
    #[arg(long)]
    portfolio: PathBuf,
    /// A facility's own profile instead of the portfolio's.
    #[arg(long)]
    facility: Option<FacilityId>,
    #[arg(long)]
    set: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct DeviceProfileArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    candidate: CandidateId,
    #[arg(long)]
    set: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct CompatRulesArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long, conflicts_with = "reset")]
    set: Option<PathBuf>,
    #[arg(long)]
    reset: bool,
}

pub fn run_compat(args: CompatArgs) -> Result<()> {
    let mut p = open_portfolio(&args.portfolio, args.disqualify_blocking.is_some())?;
    if let Some(switch) = args.disqualify_blocking {
        p.set_disqualify_blocking(args.request, switch.is_on())?;
    }
    let report = p.compatibility(args.request)?;
    if args.json {
        return print_json(&report);
    }
    print_compatibility(&p.request(args.request)?.currency, &report)
}

pub fn run_site_profile(args: SiteProfileArgs) -> Result<()> {
    let mut p = open_portfolio(&args.portfolio, args.set.is_some())?;
    if let Some(file) = args.set {
        let profile: SiteProfile = read_json(&file)?;
        p.set_site_profile(args.facility, &profile)?;
    }
    print_json(&p.site_profile(args.facility)?.profile)
}

pub fn run_device_profile(args: DeviceProfileArgs) -> Result<()> {
    let mut p = open_portfolio(&args.portfolio, args.set.is_some())?;
    if let Some(file) = args.set {
        let profile: DeviceProfile = read_json(&file)?;
        p.set_device_profile(args.candidate, &profile)?;
    }
    print_json(&p.device_profile(args.candidate)?.unwrap_or_default())
}

pub fn run_compat_rules(args: CompatRulesArgs) -> Result<()> {
    let mut p = open_portfolio(&args.portfolio, args.set.is_some() || args.reset)?;
    if let Some(file) = args.set {
        let rules: Vec<CompatRule> = read_json(&file)?;
        p.set_compat_rules(&rules)?;
    } else if args.reset {
        p.reset_compat_rules()?;
    }
    print_json(&p.compat_rules()?)
}
