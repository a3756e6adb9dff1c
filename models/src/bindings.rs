//! The TypeScript declarations of every type that crosses IPC, generated from the Rust
//! types (ts-rs) into `ui/src/bindings.ts`. A test fails when the committed file is stale;
//! `UPDATE_BINDINGS=1 cargo test -p caliper-models bindings` rewrites it.

use ts_rs::{Config, TS};

use crate::aggregate::ScoreSummary;
use crate::ahp::{AhpInput, AhpResult, AhpWeighting, Inconsistency, Judgement, RandomIndex};
use crate::assessment::{
    Agreement, AgreementCell, CandidateLifecycle, EvaluatorCoverage, EvaluatorMark, MissingScore,
    RankedCandidate, RankingCell, RankingCriterion, RequestLifecycle, RequestRanking,
};
use crate::capital::priority::PriorityPart;
use crate::capital::{
    Deferral, LinkKind, Mandatory, NextAmount, PlanExcluded, PortfolioPlan, Priority,
    PriorityParts, PriorityWeights, RequestLink, RequestOutcome, Scenario, ScenarioPlan,
    StoredBudget,
};
use crate::compat::mds2::{
    Answer, Mds2Answer, Mds2Cell, Mds2Column, Mds2CompareRow, Mds2Comparison, Mds2Conflict,
    Mds2Form, Mds2Issue, Mds2Parse, Question, SectionTally,
};
use crate::compat::profile::{
    Addressing, Directory, EapMethod, FhirRelease, IheProfile, TlsVersion, WifiBand, WifiSecurity,
};
use crate::compat::{
    Area, AreaScore, CandidateCompatibility, Capability, Check, CheckedEvidence, CompatRule,
    CompatibilityReport, DeviceProfile, EvidenceNote, Finding, ListField, Severity, SiteFlag,
    SiteProfile, Status,
};
use crate::criteria::{
    Category, Criterion, CriterionInput, CriterionKind, CriterionSource, Direction,
};
use crate::decision::{Decision, DecisionInput, HistoryEntry, Outcome, Votes};
use crate::domain::{
    Candidate, CandidateInput, CapitalRequest, Department, Evaluator, EvaluatorScore, Facility,
    Measurement, RequestInput, RequestStatus, RequestType,
};
use crate::error::{ErrorKind, ErrorPayload};
use crate::evidence::{
    EvidenceFormat, EvidenceReport, Finding as EvidenceFinding, FindingKind as EvidenceFindingKind,
    Shown, Sighting,
};
use crate::finance::case::{
    BudgetImpactYear, CandidateCaseView, CaseFigure, CaseYear, DepreciationAndLease,
    DepreciationChoice, FinancialCaseView, LeaseOffer, PaybackMark, Revenue, SavingKind,
    SavingLine, SavingsAndRevenue,
};
use crate::finance::{
    CapitalLease, DepreciationMethod, FirstYearConvention, OperatingLease, PaymentTiming, TaxStatus,
};
use crate::gpo::benchmark::{
    BandMedian, CodeBenchmark, MemberSaving, MemberTotal, ModelBenchmark, PricePoint,
};
use crate::gpo::demand::{ModelDemand, Preference, TypeDemand};
use crate::gpo::index::{IndexFactor, IndexUsed};
use crate::gpo::matching::{Decision as MatchDecisionKind, MatchStatus, MatchedModel, NameVariant};
use crate::gpo::standardise::{MemberModels, StandardCost, StandardModel, TypeStandardisation};
use crate::gpo::stats::Spread;
use crate::gpo::{Benchmark, Demand, MatchDecision, Matching, Rate, Standardisation};
use crate::ids::{
    CandidateId, CategoryId, CriterionId, DepartmentId, EvaluatorId, EvidenceId, FacilityId,
    RequestId,
};
use crate::inventory::em::{EmFunction, EmIncidentHistory, EmMaintenance, EmParts, EmPhysicalRisk};
use crate::inventory::fda::ProductCode;
use crate::inventory::forecast::{
    ForecastCell, ForecastRow, ForecastYear, NotForecast, NotForecastReason,
};
use crate::inventory::lives::LifeSource;
use crate::inventory::read::{
    AssetField, AssetPreview, ColumnReport, DateOrder, DateQuestion, Rejection, SavedMapping,
    SourceInfo, TextEncoding, WorkOrderField, WorkOrderPreview,
};
use crate::inventory::recall::{AssetRecall, Recall};
use crate::inventory::{
    Asset, AssetPriority, AssetStatus, ExpectedLife, Factor, FactorScore, ForecastSettings,
    RecallMatch, RecallStatus, ReplacementForecast, ReplacementWeights, WorkOrder, WorkOrderKind,
};
use crate::lifecycle::{
    AssumptionOverrides, Assumptions, CostModel, FiscalYearCost, LifecycleCost, ScheduleYear,
};
use crate::money::{Currency, Money};
use crate::plan::{BudgetUse, CapitalPlan, FundedItem, GreedyOrder, PlanSelection};
use crate::quote::QuoteWarning;
use crate::ranking::{Method, Normalization, ReferenceScale, ValueRange};
use crate::recent::RecentPortfolio;
use crate::report::score_sheet::{SheetFormat, SheetWritten};
use crate::report::{BriefExport, Paper};
use crate::scoresheet::{PreviewRow, PreviewStatus, SheetPreview, SheetProblem};
use crate::sensitivity::{
    Acceptability, BreakEven, CriterionSweep, SamplingProgress, SensitivityOptions,
    SensitivityResult, SweepPoint, WeightBounds, WeightSampling,
};
use crate::store::RequestPlanInfo;
use crate::store::{AssetDetail, InventorySettings, PriorityRun};
use crate::store::{AssetImport, AssetPage, AssetQuery, AssetRow, AssetSort, WorkOrderImport};
use crate::store::{
    BackupInfo, BackupReason, CategoryCriteria, CriteriaTree, Mds2Preview, PortfolioInfo,
    RequestSummary, ScopedSiteProfile, WeightedCriterion,
};
use crate::store::{CandidateEvidence, EvidenceCheck};
use crate::store::{ImportKind, ImportOutcome, ImportPreview, ImportRequest, MappingOrigin};
use crate::workspace::{GroupAnalysis, GroupMember, GroupMemberRead, GroupOptions, ModelChart};

/// The contents of `ui/src/bindings.ts`.
pub fn typescript() -> String {
    let cfg = Config::default();
    let mut out = String::from(
        "// Generated by caliper-models (src/bindings.rs) from the Rust types. Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p caliper-models bindings\n\n",
    );
    macro_rules! declare {
        ($($t:ty),+ $(,)?) => {
            $(
                out.push_str("export ");
                out.push_str(&<$t as TS>::decl(&cfg));
                out.push_str("\n\n");
            )+
        };
    }
    declare!(
        ErrorKind,
        ErrorPayload,
        Currency,
        Money,
        FacilityId,
        DepartmentId,
        RequestId,
        CandidateId,
        EvidenceId,
        CategoryId,
        CriterionId,
        EvaluatorId,
        Facility,
        Department,
        RequestType,
        RequestStatus,
        CapitalRequest,
        RequestInput,
        RequestSummary,
        Candidate,
        CandidateInput,
        Evaluator,
        EvaluatorScore,
        Measurement,
        Direction,
        CriterionKind,
        CriterionSource,
        Category,
        Criterion,
        CriterionInput,
        CategoryCriteria,
        WeightedCriterion,
        CriteriaTree,
        PortfolioInfo,
        Outcome,
        Votes,
        DecisionInput,
        Decision,
        HistoryEntry,
        BackupReason,
        BackupInfo,
        RecentPortfolio,
        Method,
        Normalization,
        ReferenceScale,
        ValueRange,
        ScoreSummary,
        RankingCriterion,
        RankingCell,
        RankedCandidate,
        QuoteWarning,
        MissingScore,
        EvaluatorCoverage,
        RequestRanking,
        CostModel,
        Assumptions,
        AssumptionOverrides,
        ScheduleYear,
        FiscalYearCost,
        LifecycleCost,
        CandidateLifecycle,
        RequestLifecycle,
        CaseYear,
        BudgetImpactYear,
        CaseFigure,
        PaybackMark,
        CandidateCaseView,
        FinancialCaseView,
        SavingKind,
        SavingLine,
        Revenue,
        SavingsAndRevenue,
        DepreciationMethod,
        FirstYearConvention,
        DepreciationChoice,
        TaxStatus,
        PaymentTiming,
        OperatingLease,
        CapitalLease,
        LeaseOffer,
        DepreciationAndLease,
        Judgement,
        AhpWeighting,
        RandomIndex,
        AhpInput,
        Inconsistency,
        AhpResult,
        WeightSampling,
        WeightBounds,
        SensitivityOptions,
        SweepPoint,
        BreakEven,
        CriterionSweep,
        Acceptability,
        SensitivityResult,
        SamplingProgress,
        EvaluatorMark,
        AgreementCell,
        Agreement,
        Paper,
        BriefExport,
        SheetFormat,
        Mandatory,
        PriorityParts,
        PriorityWeights,
        PriorityPart,
        Priority,
        StoredBudget,
        Deferral,
        RequestPlanInfo,
        Scenario,
        LinkKind,
        RequestLink,
        GreedyOrder,
        BudgetUse,
        FundedItem,
        PlanSelection,
        CapitalPlan,
        RequestOutcome,
        PlanExcluded,
        NextAmount,
        PortfolioPlan,
        ScenarioPlan,
        SheetWritten,
        PreviewStatus,
        PreviewRow,
        SheetProblem,
        SheetPreview,
        IheProfile,
        FhirRelease,
        WifiBand,
        WifiSecurity,
        EapMethod,
        Addressing,
        TlsVersion,
        Directory,
        SiteProfile,
        ScopedSiteProfile,
        DeviceProfile,
        Answer,
        Question,
        Mds2Answer,
        Mds2Form,
        Mds2Issue,
        Mds2Conflict,
        SectionTally,
        Mds2Parse,
        Mds2Preview,
        Mds2Column,
        Mds2Cell,
        Mds2CompareRow,
        Mds2Comparison,
        EvidenceFindingKind,
        EvidenceFinding,
        EvidenceFormat,
        Sighting,
        Shown,
        EvidenceReport,
        EvidenceNote,
        CheckedEvidence,
        CandidateEvidence,
        EvidenceCheck,
        Area,
        Severity,
        ListField,
        SiteFlag,
        Capability,
        Check,
        CompatRule,
        Status,
        Finding,
        AreaScore,
        CandidateCompatibility,
        CompatibilityReport,
        // The installed base.
        EmFunction,
        EmPhysicalRisk,
        EmMaintenance,
        EmIncidentHistory,
        EmParts,
        AssetStatus,
        Asset,
        WorkOrderKind,
        WorkOrder,
        ProductCode,
        Recall,
        AssetRecall,
        AssetImport,
        WorkOrderImport,
        AssetSort,
        AssetQuery,
        AssetRow,
        AssetPage,
        Factor,
        ReplacementWeights,
        RecallStatus,
        RecallMatch,
        FactorScore,
        LifeSource,
        AssetPriority,
        ExpectedLife,
        ForecastSettings,
        NotForecastReason,
        NotForecast,
        ForecastYear,
        ForecastCell,
        ForecastRow,
        ReplacementForecast,
        InventorySettings,
        AssetDetail,
        PriorityRun,
        ImportKind,
        ImportRequest,
        MappingOrigin,
        ImportPreview,
        ImportOutcome,
        TextEncoding,
        SourceInfo,
        DateOrder,
        AssetField,
        WorkOrderField,
        SavedMapping,
        ColumnReport,
        Rejection,
        DateQuestion,
        AssetPreview,
        WorkOrderPreview,
        // Group purchasing.
        GroupMember,
        GroupOptions,
        GroupMemberRead,
        MatchDecisionKind,
        MatchDecision,
        MatchStatus,
        NameVariant,
        MatchedModel,
        Matching,
        Spread,
        Rate,
        IndexFactor,
        IndexUsed,
        PricePoint,
        MemberSaving,
        BandMedian,
        ModelBenchmark,
        CodeBenchmark,
        MemberTotal,
        Benchmark,
        MemberModels,
        StandardModel,
        StandardCost,
        TypeStandardisation,
        Standardisation,
        Preference,
        ModelDemand,
        TypeDemand,
        Demand,
        ModelChart,
        GroupAnalysis,
    );
    out.trim_end().to_string() + "\n"
}

/// Fails when the committed generated file `name` (from the repository root) differs from
/// `fresh`; with `UPDATE_BINDINGS` set, rewrites it first. Shared by the staleness tests of
/// the generated files.
#[cfg(test)]
pub(crate) fn assert_generated_file_is_current(name: &str, fresh: &str) {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(name);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        #[allow(clippy::unwrap_used)]
        std::fs::write(&path, fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{name} is stale: run UPDATE_BINDINGS=1 cargo test -p caliper-models"
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_up_to_date() {
        super::assert_generated_file_is_current("ui/src/bindings.ts", &super::typescript());
    }
}
