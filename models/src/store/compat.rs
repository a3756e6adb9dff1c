//! The portfolio's compatibility data: site IT profiles, candidates' profiles and MDS2
//! forms, the rule table and each request's disqualification setting.

use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::Portfolio;
use crate::compat::mds2::{self, Answer, Mds2Answer, Mds2Form, Mds2Parse, Mds2Preview};
use crate::compat::rules::validate_rules;
use crate::compat::{default_rules, CompatRule, DeviceProfile, SiteProfile};
use crate::error::{Error, Result};
use crate::ids::{CandidateId, FacilityId, RequestId};

/// A site profile and whose it is.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScopedSiteProfile {
    /// `null`: the portfolio's profile; otherwise the facility it belongs to.
    pub facility_id: Option<FacilityId>,
    /// "portfolio" or the facility's name.
    pub scope: String,
    pub profile: SiteProfile,
    /// False when nothing is saved yet (an empty profile that requires nothing).
    pub saved: bool,
}

fn json_err(place: String) -> impl Fn(serde_json::Error) -> Error {
    move |e| Error::Corrupt {
        place: place.clone(),
        message: e.to_string(),
    }
}

/// Our own types always convert to JSON; a failure is a bug, not bad data.
fn to_json<T: Serialize>(value: &T, what: &str) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| Error::internal(format!("{what} does not convert to JSON: {e}")))
}

impl Portfolio {
    // ---- site profile -------------------------------------------------------------

    /// The portfolio's site profile (`facility_id` `None`) or a facility's own.
    pub fn site_profile(&self, facility_id: Option<FacilityId>) -> Result<ScopedSiteProfile> {
        let scope = match facility_id {
            None => "portfolio".to_string(),
            Some(id) => self
                .facilities()?
                .into_iter()
                .find(|f| f.id == id)
                .map(|f| f.name)
                .ok_or_else(|| Error::not_found("facility", id))?,
        };
        let stored: Option<String> = self
            .conn
            .query_row(
                "SELECT profile FROM site_profile WHERE facility_id IS ?1",
                [facility_id],
                |r| r.get(0),
            )
            .optional()?;
        let saved = stored.is_some();
        let profile = match stored {
            Some(text) => {
                serde_json::from_str(&text).map_err(json_err(format!("site profile of {scope}")))?
            }
            None => SiteProfile::default(),
        };
        Ok(ScopedSiteProfile {
            facility_id,
            scope,
            profile,
            saved,
        })
    }

    /// Every saved site profile: the portfolio's first, then the facilities'.
    pub fn site_profiles(&self) -> Result<Vec<ScopedSiteProfile>> {
        let mut out = vec![self.site_profile(None)?];
        for f in self.facilities()? {
            let p = self.site_profile(Some(f.id))?;
            if p.saved {
                out.push(p);
            }
        }
        Ok(out)
    }

    /// Saves the portfolio's (`facility_id` `None`) or a facility's profile; returns it as
    /// now stored.
    pub fn set_site_profile(
        &mut self,
        facility_id: Option<FacilityId>,
        profile: &SiteProfile,
    ) -> Result<ScopedSiteProfile> {
        profile.validate()?;
        if let Some(id) = facility_id {
            if !self.facilities()?.iter().any(|f| f.id == id) {
                return Err(Error::not_found("facility", id));
            }
        }
        let text = to_json(profile, "site profile")?;
        let tx = self.tx()?;
        tx.execute(
            "DELETE FROM site_profile WHERE facility_id IS ?1",
            [facility_id],
        )?;
        tx.execute(
            "INSERT INTO site_profile (facility_id, profile) VALUES (?1, ?2)",
            params![facility_id, text],
        )?;
        tx.commit()?;
        self.site_profile(facility_id)
    }

    /// Removes a facility's own profile (it then follows the portfolio's); returns the
    /// profile that now applies.
    pub fn delete_site_profile(
        &mut self,
        facility_id: Option<FacilityId>,
    ) -> Result<ScopedSiteProfile> {
        self.write()?.execute(
            "DELETE FROM site_profile WHERE facility_id IS ?1",
            [facility_id],
        )?;
        self.site_profile(facility_id)
    }

    /// The profile a request is checked against: its facility's if it has one, else the
    /// portfolio's.
    pub fn site_profile_for_request(&self, request_id: RequestId) -> Result<ScopedSiteProfile> {
        let facility_id: FacilityId = self
            .conn
            .query_row(
                "SELECT d.facility_id FROM capital_request r JOIN department d ON d.id = r.department_id WHERE r.id = ?1",
                [request_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("capital request", request_id))?;
        let own = self.site_profile(Some(facility_id))?;
        if own.saved {
            Ok(own)
        } else {
            self.site_profile(None)
        }
    }

    // ---- device profile -----------------------------------------------------------

    pub fn device_profile(&self, candidate_id: CandidateId) -> Result<Option<DeviceProfile>> {
        self.candidate(candidate_id)?;
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT profile FROM device_profile WHERE candidate_id = ?1",
                [candidate_id],
                |r| r.get(0),
            )
            .optional()?;
        text.map(|t| {
            serde_json::from_str(&t)
                .map_err(json_err(format!("profile of candidate {candidate_id}")))
        })
        .transpose()
    }

    pub fn set_device_profile(
        &mut self,
        candidate_id: CandidateId,
        profile: &DeviceProfile,
    ) -> Result<()> {
        self.candidate(candidate_id)?;
        profile.validate()?;
        let text = to_json(profile, "device profile")?;
        self.write()?.execute(
            "INSERT INTO device_profile (candidate_id, profile) VALUES (?1, ?2)
             ON CONFLICT (candidate_id) DO UPDATE SET profile = excluded.profile",
            params![candidate_id, text],
        )?;
        Ok(())
    }

    // ---- MDS2 ---------------------------------------------------------------------

    pub fn mds2_form(&self, candidate_id: CandidateId) -> Result<Option<Mds2Form>> {
        self.candidate(candidate_id)?;
        let head = self
            .conn
            .query_row(
                "SELECT file_name, manufacturer, model, document_id, release_date FROM mds2_form WHERE candidate_id = ?1",
                [candidate_id],
                |r| {
                    Ok(Mds2Form {
                        file_name: r.get(0)?,
                        manufacturer: r.get(1)?,
                        model: r.get(2)?,
                        document_id: r.get(3)?,
                        release_date: r.get(4)?,
                        answers: Vec::new(),
                    })
                },
            )
            .optional()?;
        let Some(mut form) = head else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(
            "SELECT question_id, answer, note, place FROM mds2_answer WHERE candidate_id = ?1",
        )?;
        let rows = stmt.query_map([candidate_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut answers = Vec::new();
        for row in rows {
            let (question_id, answer, note, place) = row?;
            let answer = answer
                .map(|a| Answer::parse_stored("answer", &a))
                .transpose()
                .map_err(|e| Error::Corrupt {
                    place: format!("MDS2 answer {question_id} of candidate {candidate_id}"),
                    message: e.to_string(),
                })?;
            answers.push(Mds2Answer {
                question_id,
                answer,
                note,
                place,
            });
        }
        mds2::sort_in_form_order(&mut answers);
        form.answers = answers;
        Ok(Some(form))
    }

    /// Saves (or replaces) a candidate's MDS2 form in one transaction.
    pub fn save_mds2_form(&mut self, candidate_id: CandidateId, form: &Mds2Form) -> Result<()> {
        self.candidate(candidate_id)?;
        mds2::check_answers(&form.answers)?;
        self.in_one_transaction(|p| {
        let tx = p.write()?;
        tx.execute(
            "DELETE FROM mds2_form WHERE candidate_id = ?1",
            [candidate_id],
        )?;
        tx.execute(
            "INSERT INTO mds2_form (candidate_id, file_name, manufacturer, model, document_id, release_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                candidate_id,
                form.file_name,
                form.manufacturer,
                form.model,
                form.document_id,
                form.release_date
            ],
        )?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO mds2_answer (candidate_id, question_id, answer, note, place) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for a in &form.answers {
                insert.execute(params![
                    candidate_id,
                    a.question_id,
                    a.answer.map(Answer::as_str),
                    a.note,
                    a.place
                ])?;
            }
        }
        Ok(())
        })
    }

    pub fn delete_mds2_form(&mut self, candidate_id: CandidateId) -> Result<()> {
        self.candidate(candidate_id)?;
        self.write()?.execute(
            "DELETE FROM mds2_form WHERE candidate_id = ?1",
            [candidate_id],
        )?;
        Ok(())
    }

    /// Reads an MDS2 file for a candidate and says what importing it would do. Saves nothing.
    pub fn preview_mds2_import(
        &self,
        candidate_id: CandidateId,
        path: &Path,
    ) -> Result<Mds2Preview> {
        self.mds2_preview(candidate_id, crate::import::mds2::parse_file(path)?)
    }

    /// What importing a form already read would do for a candidate.
    fn mds2_preview(&self, candidate_id: CandidateId, parse: Mds2Parse) -> Result<Mds2Preview> {
        let candidate = self.candidate(candidate_id)?;
        let replaces = self.mds2_form(candidate_id)?.map(|f| f.file_name);
        Ok(Mds2Preview::new(&candidate, parse, replaces))
    }

    /// Saves the form a preview read (`preview_mds2_import`'s `parse`), so that what is
    /// saved is what the user saw; the file is not read again. A form that needs a look
    /// (unreadable lines, conflicting answers, another device's form) is saved only with
    /// `confirmed`.
    pub fn import_mds2(
        &mut self,
        candidate_id: CandidateId,
        parse: Mds2Parse,
        confirmed: bool,
    ) -> Result<Mds2Preview> {
        let preview = self.mds2_preview(candidate_id, parse)?;
        preview.check_confirmed(confirmed)?;
        self.save_mds2_form(candidate_id, &preview.parse.form)?;
        Ok(preview)
    }

    /// The MDS2 forms of a request's candidates side by side.
    pub fn mds2_comparison(&self, request_id: RequestId) -> Result<mds2::Mds2Comparison> {
        let mut forms = Vec::new();
        for c in self.candidates(request_id)? {
            let form = self.mds2_form(c.id)?;
            forms.push((c.id, c.label(), form));
        }
        let refs: Vec<_> = forms
            .iter()
            .map(|(id, label, form)| (*id, label.clone(), form.as_ref()))
            .collect();
        Ok(mds2::compare(&refs))
    }

    /// A request's compatibility report, from the store.
    pub fn compatibility(
        &self,
        request_id: RequestId,
    ) -> Result<crate::compat::CompatibilityReport> {
        Ok(crate::assessment::compatibility(
            &self.assessment_inputs(request_id)?,
        ))
    }

    /// The compatibility data of a request's candidates.
    pub fn compat_inputs(&self, request_id: RequestId) -> Result<crate::compat::CompatInputs> {
        let site = self.site_profile_for_request(request_id)?;
        let mut devices = Vec::new();
        let mut forms = Vec::new();
        let mut evidence = Vec::new();
        for c in self.candidates(request_id)? {
            if let Some(p) = self.device_profile(c.id)? {
                devices.push((c.id, p));
            }
            if let Some(f) = self.mds2_form(c.id)? {
                forms.push((c.id, f));
            }
            let files: Vec<_> = self
                .evidence_files(c.id)?
                .into_iter()
                .map(|(_, f)| f)
                .collect();
            if !files.is_empty() {
                evidence.push((c.id, files));
            }
        }
        Ok(crate::compat::CompatInputs {
            site_scope: if site.facility_id.is_some() {
                site.scope
            } else {
                String::new()
            },
            site: site.profile,
            devices,
            forms,
            evidence,
            rules: self.compat_rules()?,
            disqualify_blocking: self.disqualify_blocking(request_id)?,
        })
    }

    // ---- rules and settings -------------------------------------------------------

    /// The portfolio's rule table (the default table until edited).
    pub fn compat_rules(&self) -> Result<Vec<CompatRule>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, rule FROM compat_rule ORDER BY position")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut rules = Vec::new();
        for row in rows {
            let (key, text) = row?;
            rules.push(
                serde_json::from_str(&text)
                    .map_err(json_err(format!("compatibility rule '{key}'")))?,
            );
        }
        Ok(if rules.is_empty() {
            default_rules()
        } else {
            rules
        })
    }

    /// Replaces the rule table, all or nothing; returns it as now stored.
    pub fn set_compat_rules(&mut self, rules: &[CompatRule]) -> Result<Vec<CompatRule>> {
        validate_rules(rules)?;
        let tx = self.tx()?;
        tx.execute("DELETE FROM compat_rule", [])?;
        for (i, rule) in rules.iter().enumerate() {
            let text = to_json(rule, &format!("rule '{}'", rule.key))?;
            tx.execute(
                "INSERT INTO compat_rule (key, position, rule) VALUES (?1, ?2, ?3)",
                params![rule.key, i as i64, text],
            )?;
        }
        tx.commit()?;
        self.compat_rules()
    }

    /// Back to the default rule table; returns it.
    pub fn reset_compat_rules(&mut self) -> Result<Vec<CompatRule>> {
        self.write()?.execute("DELETE FROM compat_rule", [])?;
        self.compat_rules()
    }

    pub fn disqualify_blocking(&self, request_id: RequestId) -> Result<bool> {
        self.request(request_id)?;
        Ok(self
            .conn
            .query_row(
                "SELECT disqualify_blocking FROM request_compat WHERE request_id = ?1",
                [request_id],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .is_some_and(|v| v == 1))
    }

    /// Whether a candidate with a confirmed blocking gap is left out of the request's ranking.
    pub fn set_disqualify_blocking(&mut self, request_id: RequestId, on: bool) -> Result<()> {
        self.request(request_id)?;
        self.write()?.execute(
            "INSERT INTO request_compat (request_id, disqualify_blocking) VALUES (?1, ?2)
             ON CONFLICT (request_id) DO UPDATE SET disqualify_blocking = excluded.disqualify_blocking",
            params![request_id, i64::from(on)],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A facility's own site profile replaces the portfolio's for its requests only.
    #[test]
    fn a_facility_profile_applies_to_its_requests() {
        let mut p = Portfolio::in_memory().unwrap();
        crate::demo::write_demo(&mut p).unwrap();
        assert_eq!(
            p.site_profile_for_request(RequestId(1)).unwrap().scope,
            "portfolio"
        );
        let mut own = p.site_profile(None).unwrap().profile;
        own.eap_methods = vec![crate::compat::profile::EapMethod::EapTls];
        p.set_site_profile(Some(FacilityId(1)), &own).unwrap();
        let used = p.site_profile_for_request(RequestId(1)).unwrap();
        assert_eq!(
            (used.scope.as_str(), used.facility_id),
            ("Riverside General Hospital", Some(FacilityId(1)))
        );
        let report = p.compatibility(RequestId(1)).unwrap();
        assert_eq!(report.site_scope, "Riverside General Hospital");
        let kestrel = report
            .candidates
            .iter()
            .find(|c| c.label.starts_with("Kestrel"))
            .unwrap();
        assert_eq!(kestrel.blocking, 1);
        p.delete_site_profile(Some(FacilityId(1))).unwrap();
        assert_eq!(
            p.compatibility(RequestId(1)).unwrap().site_scope,
            "portfolio"
        );
        assert!(p.set_site_profile(Some(FacilityId(99)), &own).is_err());
    }
}
