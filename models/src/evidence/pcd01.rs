//! IHE PCD-01 (Communicate PCD Data, DEC profile; IHE PCD Technical Framework Vol 2) checks
//! of HL7 v2 observation reports: message type, version, profile id, segment order, MDC
//! codes, UCUM units, time zones, patient and equipment identifiers, and whether the
//! message names the candidate's manufacturer and model.

use super::hl7::{self, Message, Segment};
use super::units::{self, UnitCheck};
use super::{same_name, Candidate, Finding, OTHER_DEVICE};

pub(super) const PROFILE_NAME: &str = "IHE PCD ORU-R01 2006";
pub(super) const PROFILE_OID: &str = "1.3.6.1.4.1.19376.1.6.1.1.1";

/// Reads `text` and checks every message: (messages read, findings).
pub fn check_text(text: &str, candidate: &Candidate) -> (usize, Vec<Finding>) {
    let (messages, framing) = hl7::read(text);
    let mut out = Vec::new();
    if framing.lf_only {
        out.push(Finding::gap(
            "HL7 v2 framing",
            "segment terminator is LF, not CR (HL7 v2 requires CR): the interface engine must be set to accept LF",
            "whole file",
        ));
    }
    for (line, start) in &framing.stray {
        out.push(Finding::gap(
            "HL7 v2 framing",
            format!("text outside any message (before the first MSH): {start:?}"),
            format!("line {line}"),
        ));
    }
    if !framing.wrappers.is_empty() {
        out.push(Finding::confirmed(
            "HL7 v2 batch",
            format!(
                "batch of {} messages with wrappers {}",
                messages.len(),
                framing.wrappers.join(", ")
            ),
            "whole file",
        ));
    }
    mixed_batch(&messages, &mut out);
    for (i, m) in messages.iter().enumerate() {
        let mut c = Checker {
            m,
            n: i + 1,
            many: messages.len() > 1,
            out: &mut out,
        };
        c.header();
        c.order();
        c.patient_and_request();
        c.observations();
        c.identity(candidate);
    }
    (messages.len(), out)
}

/// A batch whose messages differ in type or version.
fn mixed_batch(messages: &[Message], out: &mut Vec<Finding>) {
    let key = |m: &Message| {
        let msh = &m.segments[0];
        (
            m.component(msh.field(9), 1),
            m.component(msh.field(9), 2),
            m.component(msh.field(12), 1),
        )
    };
    let Some(first) = messages.first().map(key) else {
        return;
    };
    for (i, m) in messages.iter().enumerate().skip(1) {
        let k = key(m);
        if k != first {
            out.push(Finding::gap(
                "HL7 v2 batch",
                format!(
                    "mixed batch: message {} is {}^{} version {}, message 1 is {}^{} version {}",
                    i + 1,
                    k.0,
                    k.1,
                    k.2,
                    first.0,
                    first.1,
                    first.2
                ),
                format!("line {}, message {}, MSH-9", m.segments[0].line, i + 1),
            ));
        }
    }
}

struct Checker<'a> {
    m: &'a Message,
    n: usize,
    many: bool,
    out: &'a mut Vec<Finding>,
}

impl Checker<'_> {
    fn place(&self, seg: &Segment, field: usize) -> String {
        let k = self
            .m
            .segments
            .iter()
            .filter(|s| s.id == seg.id)
            .position(|s| std::ptr::eq(s, seg))
            .map_or(1, |p| p + 1);
        let count = self.m.segments.iter().filter(|s| s.id == seg.id).count();
        let name = if count > 1 {
            format!("{}[{k}]", seg.id)
        } else {
            seg.id.clone()
        };
        let msg = if self.many {
            format!(", message {}", self.n)
        } else {
            String::new()
        };
        let field = if field > 0 {
            format!("-{field}")
        } else {
            String::new()
        };
        format!("line {}{msg}, {name}{field}", seg.line)
    }

    fn ok(&mut self, cap: &str, detail: String, place: String) {
        self.out.push(Finding::confirmed(cap, detail, place));
    }

    fn gap(&mut self, cap: &str, detail: String, place: String) {
        self.out.push(Finding::gap(cap, detail, place));
    }

    fn header(&mut self) {
        let m = self.m;
        let msh = &m.segments[0];
        let t: Vec<String> = (1..=3).map(|c| m.component(msh.field(9), c)).collect();
        if t == ["ORU", "R01", "ORU_R01"] {
            self.ok(
                "PCD-01 message type",
                "MSH-9 is ORU^R01^ORU_R01".into(),
                self.place(msh, 9),
            );
        } else {
            self.gap(
                "PCD-01 message type",
                format!(
                    "MSH-9 is {:?}, PCD-01 requires ORU^R01^ORU_R01",
                    msh.field(9)
                ),
                self.place(msh, 9),
            );
        }
        let v = m.component(msh.field(12), 1);
        if v == "2.6" {
            self.ok(
                "HL7 version",
                "MSH-12 is 2.6, as PCD-01 requires".into(),
                self.place(msh, 12),
            );
        } else {
            self.gap("HL7 version", format!("MSH-12 is {v:?}, PCD-01 requires 2.6: the interface engine must accept this version"), self.place(msh, 12));
        }
        let (name, oid) = (m.component(msh.field(21), 1), m.component(msh.field(21), 3));
        if name == PROFILE_NAME || oid == PROFILE_OID {
            self.ok(
                "PCD-01 profile",
                format!("MSH-21 declares {PROFILE_NAME}"),
                self.place(msh, 21),
            );
        } else {
            self.gap("PCD-01 profile", format!("MSH-21 is {:?}: the message does not declare the {PROFILE_NAME} profile ({PROFILE_OID})", msh.field(21)), self.place(msh, 21));
        }
        self.time(msh, 7, "MSH-7");
    }

    fn time(&mut self, seg: &Segment, field: usize, name: &str) {
        let ts = self.m.component(seg.field(field), 1);
        if ts.is_empty() {
            return;
        }
        let digits = ts.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        if digits.starts_with(['+', '-']) {
            self.ok(
                "time zone",
                format!("{name} {ts} carries a time zone offset"),
                self.place(seg, field),
            );
        } else {
            self.gap(
                "time zone",
                format!("{name} {ts} has no time zone offset: the receiver cannot place it in UTC"),
                self.place(seg, field),
            );
        }
    }

    fn order(&mut self) {
        let mut state = "MSH";
        let segs = &self.m.segments;
        for s in segs.iter().skip(1) {
            let next = match (state, s.id.as_str()) {
                ("MSH", "PID") => "PID",
                ("PID", "PV1") => "PV1",
                ("MSH" | "PID" | "PV1" | "OBX", "OBR") => "OBR",
                ("OBR" | "OBX", "OBX") => "OBX",
                (_, "PID" | "PV1" | "OBR" | "OBX" | "MSH") => {
                    let d = format!("{} after {state}: PCD-01 orders MSH, PID, [PV1], then OBR each followed by its OBX", s.id);
                    self.gap("PCD-01 segment order", d, self.place(s, 0));
                    return;
                }
                _ => state,
            };
            state = next;
        }
        if segs.iter().any(|s| s.id == "OBR") {
            self.ok(
                "PCD-01 segment order",
                "segments in PCD-01 order (MSH, PID, [PV1], OBR, OBX...)".into(),
                self.place(&segs[0], 0),
            );
        } else {
            self.gap(
                "PCD-01 segment order",
                "no OBR segment: PCD-01 reports observations under an OBR".into(),
                self.place(&segs[0], 0),
            );
        }
    }

    fn patient_and_request(&mut self) {
        let m = self.m;
        match m.segments.iter().find(|s| s.id == "PID") {
            Some(pid) if !m.component(pid.field(3), 1).is_empty() => {
                self.ok(
                    "patient identifier",
                    format!("PID-3 gives patient id {:?}", m.component(pid.field(3), 1)),
                    self.place(pid, 3),
                );
            }
            Some(pid) => self.gap(
                "patient identifier",
                "PID-3 is empty: results cannot be filed to a patient without another match".into(),
                self.place(pid, 3),
            ),
            None => self.gap(
                "patient identifier",
                "no PID segment: results cannot be filed to a patient".into(),
                self.place(&m.segments[0], 0),
            ),
        }
        for obr in m.segments.iter().filter(|s| s.id == "OBR") {
            self.time(obr, 7, "OBR-7");
        }
    }

    fn observations(&mut self) {
        let m = self.m;
        let obxs: Vec<&Segment> = m.segments.iter().filter(|s| s.id == "OBX").collect();
        let mut mdc = 0;
        for obx in &obxs {
            let (code, system) = (m.component(obx.field(3), 1), m.component(obx.field(3), 3));
            if system == "MDC" && code.chars().all(|c| c.is_ascii_digit()) && !code.is_empty() {
                mdc += 1;
            } else {
                self.gap("MDC observation codes", format!("OBX-3 {:?} uses {}, not MDC (IEEE 11073-10101): the interface engine needs a mapping table", obx.field(3), if system.is_empty() { "no coding system".to_string() } else { format!("coding system {system}") }), self.place(obx, 3));
            }
            if m.component(obx.field(2), 1) == "NM" {
                self.unit(obx);
            }
            if !obx.field(14).is_empty() {
                self.time(obx, 14, "OBX-14");
            }
        }
        if mdc > 0 {
            self.ok(
                "MDC observation codes",
                format!(
                    "{mdc} of {} OBX-3 codes are MDC (IEEE 11073-10101)",
                    obxs.len()
                ),
                self.place(&m.segments[0], 0),
            );
        }
        match obxs.iter().find(|o| !o.field(18).is_empty()) {
            Some(o) => {
                let id = o.field(18).to_string();
                let eui = m.component(&id, 2).eq_ignore_ascii_case("EUI-64") || m.component(&id, 4).eq_ignore_ascii_case("EUI-64");
                let detail = format!("OBX-18 gives the equipment instance {:?}{}", m.component(&id, 1), if eui { " (EUI-64)" } else { ", not as EUI-64" });
                self.ok("equipment identifier", detail, self.place(o, 18));
            }
            None => self.gap("equipment identifier", "no OBX-18 equipment instance identifier: the receiver cannot tell which device measured".into(), self.place(&m.segments[0], 0)),
        }
    }

    fn unit(&mut self, obx: &Segment) {
        let m = self.m;
        let (code, text, system) = (
            m.component(obx.field(6), 1),
            m.component(obx.field(6), 2),
            m.component(obx.field(6), 3),
        );
        match units::check(&code, &text, &system) {
            UnitCheck::Ucum(u) => self.ok(
                "UCUM units",
                format!("OBX-6 unit is UCUM {u}"),
                self.place(obx, 6),
            ),
            UnitCheck::UnknownMdc(u) => self.gap(
                "UCUM units",
                format!("OBX-6 MDC unit {u} has no known UCUM equivalent"),
                self.place(obx, 6),
            ),
            UnitCheck::Other(s) => self.gap(
                "UCUM units",
                format!(
                    "OBX-6 {:?} is not UCUM ({}): the receiver needs a unit mapping",
                    obx.field(6),
                    if s.is_empty() {
                        "no coding system".to_string()
                    } else {
                        format!("coding system {s}")
                    }
                ),
                self.place(obx, 6),
            ),
        }
    }

    fn identity(&mut self, candidate: &Candidate) {
        let m = self.m;
        let named = |ref_id: &str| {
            m.segments
                .iter()
                .find(|s| s.id == "OBX" && m.component(s.field(3), 2) == ref_id)
                .map(|s| (s, m.component(s.field(5), 1)))
        };
        let msh = &m.segments[0];
        let sender = m.component(msh.field(3), 1);
        let checks = [
            (
                candidate.manufacturer.as_deref(),
                "manufacturer",
                named("MDC_ID_MODEL_MANUFACTURER"),
            ),
            (
                candidate.model.as_deref(),
                "model",
                named("MDC_ID_MODEL_NUMBER"),
            ),
        ];
        for (expected, what, seen) in checks {
            let Some(expected) = expected else { continue };
            let (seg, field, value) = match seen {
                Some((s, v)) => (s, 5, v),
                None if what == "manufacturer" && !sender.is_empty() => (msh, 3, sender.clone()),
                None => {
                    self.gap(
                        "device identity",
                        format!("the message names no {what}: it cannot be tied to {expected:?}"),
                        self.place(msh, 0),
                    );
                    continue;
                }
            };
            if same_name(&value, expected) {
                self.ok(
                    "device identity",
                    format!("the message names {what} {value:?}, the candidate's"),
                    self.place(seg, field),
                );
            } else {
                self.gap("device identity", format!("the message names {what} {value:?}, not the candidate's {expected:?}: {OTHER_DEVICE}"), self.place(seg, field));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::FindingKind;

    fn gaps(text: &str, candidate: &Candidate) -> Vec<Finding> {
        check_text(text, candidate)
            .1
            .into_iter()
            .filter(|f| f.kind == FindingKind::Gap)
            .collect()
    }

    const GOOD: &str = "MSH|^~\\&|AcmeInc^ACDE48234567ABCD^EUI-64||||20090713090030+0500||ORU^R01^ORU_R01|1|P|2.6|||NE|AL|||||IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO\rPID|||789567^^^H^PI\rOBR|1|||528391^MDC_DEV_SPEC_PROFILE_BP^MDC|||20090813095715+0500\rOBX|1||528391^MDC_DEV_SPEC_PROFILE_BP^MDC|1|||||||R|||||||0123456789ABCDEF^EUI-64\rOBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R\r";

    #[test]
    fn a_conforming_message_has_no_gap() {
        assert_eq!(gaps(GOOD, &Candidate::default()), []);
    }

    #[test]
    fn order_units_and_time_zones_are_placed() {
        let text = GOOD
            .replace("OBR|1", "OBX|0|NM|1^x^L||1|mmHg^^L\rOBR|1")
            .replace("20090813095715+0500", "20090813095715");
        let g = gaps(&text, &Candidate::default());
        let places: Vec<&str> = g.iter().map(|f| f.place.as_str()).collect();
        assert!(places.contains(&"line 3, OBX[1]"), "{g:?}");
        assert!(places.contains(&"line 3, OBX[1]-3"), "{g:?}");
        assert!(places.contains(&"line 3, OBX[1]-6"), "{g:?}");
        assert!(places.contains(&"line 4, OBR-7"), "{g:?}");
    }

    #[test]
    fn the_candidate_is_compared_with_the_sender_when_nothing_else_names_it() {
        let other = Candidate {
            manufacturer: Some("Zeta".into()),
            model: None,
        };
        let g = gaps(GOOD, &other);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].place, "line 1, MSH-3");
        let nameless = Candidate {
            manufacturer: None,
            model: Some("X1".into()),
        };
        assert!(gaps(GOOD, &nameless)[0].detail.contains("names no model"));
    }
}
