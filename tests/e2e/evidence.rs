//! Evidence in the app: a vendor's sample message checked in the candidate's Evidence panel
//! (nothing kept until the user says so), kept, bearing out the HL7 v2 point with its
//! message and field; a sample naming another device asks before it is kept; a kept file
//! removed after a confirmation.

use std::path::Path;

use caliper_models::ids::CandidateId;
use caliper_models::store::Portfolio;
use thirtyfour::prelude::*;

use super::{artifact, click, type_over, wait_for};

/// Kestrel's candidate in the demo's ICU request.
const KESTREL: u32 = 2;

/// A PCD-01 observation report from Kestrel's gateway (or, `manufacturer` changed, from
/// another maker's).
fn sample(manufacturer: &str) -> String {
    [
        "MSH|^~\\&|KestrelGW|KESTREL|RHAPSODY|RIVERSIDE|20261102093015-0500||ORU^R01^ORU_R01|K-1|P|2.6|||NE|AL||UNICODE UTF-8|||IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
        "PID|||00451293^^^Riverside General^MR||Rivera^Ana",
        "OBR|1|K-1^KestrelGW|K-1^KestrelGW|69798^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|||20261102093000-0500",
        &format!("OBX|1|ST|531970^MDC_ID_MODEL_MANUFACTURER^MDC|1.0.0.0|{manufacturer}||||||R|||20261102093000-0500||||0012A1FFFE0B4C7D^EUI-64"),
        "OBX|2|NM|147842^MDC_ECG_HEART_RATE^MDC|1.1.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R|||20261102093000-0500||||0012A1FFFE0B4C7D^EUI-64",
        "",
    ]
    .join("\r")
}

async fn check_file(driver: &WebDriver, file: &Path) -> WebDriverResult<String> {
    let input = driver
        .query(By::Css(format!("[data-testid='evidence-path-{KESTREL}']")))
        .first()
        .await?;
    type_over(driver, &input, &file.display().to_string()).await?;
    click(driver, &format!("[data-testid='evidence-check-{KESTREL}']")).await?;
    driver
        .query(By::Css(format!(
            "[data-testid='evidence-preview-{KESTREL}']"
        )))
        .first()
        .await?
        .text()
        .await
}

fn kept(portfolio: &Path) -> usize {
    Portfolio::open_read_only(portfolio)
        .and_then(|p| p.evidence_files(CandidateId(KESTREL)))
        .map(|f| f.len())
        .unwrap_or(usize::MAX)
}

pub async fn check_keep_and_remove_a_sample(
    driver: &WebDriver,
    portfolio: &Path,
) -> WebDriverResult<()> {
    let dir = tempfile::tempdir().expect("temp dir");
    let ours = dir.path().join("kestrel-km9-oru.hl7");
    std::fs::write(&ours, sample("Kestrel Health Systems")).expect("write the sample");
    let theirs = dir.path().join("zeta-oru.hl7");
    std::fs::write(&theirs, sample("Zeta Medical")).expect("write the sample");

    driver
        .execute("window.location.hash = '#/request/1/compatibility'", vec![])
        .await?;
    click(driver, &format!("[data-testid='compat-toggle-{KESTREL}']")).await?;

    // Checked, not kept: the preview shows the site's findings, the file is unchanged.
    let preview = check_file(driver, &ours).await?;
    assert!(preview.contains("kestrel-km9-oru.hl7"), "{preview}");
    assert!(
        preview.contains("MSH-12 2.6 is a version Rhapsody accepts"),
        "{preview}"
    );
    assert_eq!(kept(portfolio), 0, "nothing kept before the user says so");
    click(driver, &format!("[data-testid='evidence-keep-{KESTREL}']")).await?;
    wait_for("the sample to reach the file", || async {
        Ok(kept(portfolio) == 1)
    })
    .await?;

    // The HL7 v2 point now names the sample, its message line and field.
    click(
        driver,
        &format!("[data-testid='compat-show-all-{KESTREL}']"),
    )
    .await?;
    driver
        .query(By::Css("[data-testid='finding-evidence-ehr.hl7v2']"))
        .first()
        .await?;
    let notes = driver
        .find_all(By::Css("[data-testid='finding-evidence-ehr.hl7v2']"))
        .await?;
    let mut texts = Vec::new();
    for n in &notes {
        texts.push(n.text().await?);
    }
    assert!(
        texts.iter().any(
            |t| t.contains("sample kestrel-km9-oru.hl7: shows HL7 v2 2.6")
                && t.contains("line 1, MSH-12")
        ),
        "{texts:?}"
    );
    click(driver, &format!("[data-testid='evidence-kept-{KESTREL}']")).await?;
    driver
        .execute("window.scrollTo(0, window.scrollY)", vec![])
        .await?;
    driver
        .screenshot(&artifact("e2e-evidence-kept.png"))
        .await?;

    // Another maker's sample: named, and kept only when the user insists.
    let preview = check_file(driver, &theirs).await?;
    assert!(preview.contains("names another device"), "{preview}");
    let keep = driver
        .query(By::Css(format!("[data-testid='evidence-keep-{KESTREL}']")))
        .first()
        .await?;
    assert_eq!(keep.text().await?, "Keep anyway");
    driver
        .execute(
            "document.querySelector(\"[data-testid='evidence-panel-2']\").scrollIntoView({block: 'start'}); window.scrollBy(-window.scrollX, -60)",
            vec![],
        )
        .await?;
    driver
        .screenshot(&artifact("e2e-evidence-other-device.png"))
        .await?;

    // Removing the kept file asks first, then the file no longer holds it.
    let kept_id = Portfolio::open_read_only(portfolio)
        .and_then(|p| p.evidence_files(CandidateId(KESTREL)))
        .expect("kept files")[0]
        .0;
    click(
        driver,
        &format!("[data-testid='evidence-remove-{kept_id}']"),
    )
    .await?;
    click(driver, "[role='alertdialog'] button.danger").await?;
    wait_for("the sample to leave the file", || async {
        Ok(kept(portfolio) == 0)
    })
    .await?;
    Ok(())
}
