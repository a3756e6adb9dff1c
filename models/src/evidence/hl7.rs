//! HL7 v2 reading: segments split on CR (CRLF accepted; LF only read but reported),
//! separators from MSH-1 and MSH-2, escape sequences, batches of messages (each starts with
//! MSH; FHS/BHS/BTS/FTS wrappers are skipped).

/// The separators a message declares in MSH-1 and MSH-2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Separators {
    pub field: char,
    pub component: char,
    pub repetition: char,
    pub escape: char,
    pub subcomponent: char,
}

/// One segment: its id, its fields (index 0 is the id; for MSH, index 1 is MSH-1), and the
/// line of the file it starts on.
#[derive(Debug, Clone)]
pub struct Segment {
    pub id: String,
    pub fields: Vec<String>,
    pub line: usize,
}

impl Segment {
    /// Field `n` (1-based, as HL7 numbers them), empty when absent.
    pub fn field(&self, n: usize) -> &str {
        self.fields.get(n).map(String::as_str).unwrap_or("")
    }
}

/// One message: MSH and the segments up to the next MSH.
#[derive(Debug, Clone)]
pub struct Message {
    pub separators: Separators,
    pub segments: Vec<Segment>,
}

impl Message {
    /// Component `c` (1-based) of `value`, unescaped.
    pub fn component(&self, value: &str, c: usize) -> String {
        let first_rep = value.split(self.separators.repetition).next().unwrap_or("");
        let part = first_rep
            .split(self.separators.component)
            .nth(c - 1)
            .unwrap_or("");
        unescape(part, &self.separators)
    }
}

/// What the reader found about the file as a whole.
#[derive(Debug, Clone, Default)]
pub struct Framing {
    /// Segments are split by LF only (no CR anywhere).
    pub lf_only: bool,
    /// Lines before the first MSH that are not batch wrappers: (line, first characters).
    pub stray: Vec<(usize, String)>,
    /// Batch wrapper segments seen (FHS, BHS, BTS, FTS).
    pub wrappers: Vec<String>,
}

/// Reads the messages of `text`.
pub fn read(text: &str) -> (Vec<Message>, Framing) {
    let mut framing = Framing {
        lf_only: !text.contains('\r') && text.contains('\n'),
        ..Framing::default()
    };
    let mut messages: Vec<Message> = Vec::new();
    // One segment per line of the file: CRLF, CR and LF all end one.
    let normal = text.replace("\r\n", "\n").replace('\r', "\n");
    for (i, raw) in normal.split('\n').enumerate() {
        let this_line = i + 1;
        let seg_text = raw.trim_end();
        if seg_text.is_empty() {
            continue;
        }
        let id: String = seg_text.chars().take(3).collect();
        if id == "MSH" {
            if let Some(m) = start_message(seg_text, this_line) {
                messages.push(m);
                continue;
            }
        }
        if ["FHS", "BHS", "BTS", "FTS"].contains(&id.as_str()) {
            framing.wrappers.push(id);
            continue;
        }
        match messages.last_mut() {
            Some(m) => {
                let fields = seg_text
                    .split(m.separators.field)
                    .map(str::to_string)
                    .collect();
                m.segments.push(Segment {
                    id,
                    fields,
                    line: this_line,
                });
            }
            None => framing
                .stray
                .push((this_line, seg_text.chars().take(20).collect())),
        }
    }
    (messages, framing)
}

fn start_message(seg_text: &str, line: usize) -> Option<Message> {
    let mut chars = seg_text.chars().skip(3);
    let field = chars.next()?;
    let enc: Vec<char> = chars.take_while(|c| *c != field).collect();
    let separators = Separators {
        field,
        component: enc.first().copied().unwrap_or('^'),
        repetition: enc.get(1).copied().unwrap_or('~'),
        escape: enc.get(2).copied().unwrap_or('\\'),
        subcomponent: enc.get(3).copied().unwrap_or('&'),
    };
    // MSH-1 is the field separator itself: fields[1] = "|", fields[2] = "^~\&", ...
    let mut fields = vec!["MSH".to_string(), field.to_string()];
    fields.extend(
        seg_text[3 + field.len_utf8()..]
            .split(field)
            .map(str::to_string),
    );
    Some(Message {
        separators,
        segments: vec![Segment {
            id: "MSH".to_string(),
            fields,
            line,
        }],
    })
}

/// Replaces the escape sequences \F\ \S\ \T\ \R\ \E\ and \Xhh..\ ; others stay as written.
pub fn unescape(value: &str, sep: &Separators) -> String {
    let e = sep.escape;
    if !value.contains(e) {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(start) = rest.find(e) {
        out.push_str(&rest[..start]);
        let after = &rest[start + e.len_utf8()..];
        let Some(end) = after.find(e) else {
            out.push_str(&rest[start..]);
            return out;
        };
        let code = &after[..end];
        match code {
            "F" => out.push(sep.field),
            "S" => out.push(sep.component),
            "T" => out.push(sep.subcomponent),
            "R" => out.push(sep.repetition),
            "E" => out.push(e),
            _ if code.starts_with('X') && code.len() % 2 == 1 => {
                for pair in code.as_bytes()[1..].chunks(2) {
                    let hex = std::str::from_utf8(pair).unwrap_or("");
                    if let Ok(b) = u8::from_str_radix(hex, 16) {
                        out.push(char::from(b));
                    }
                }
            }
            _ => {
                out.push(e);
                out.push_str(code);
                out.push(e);
            }
        }
        rest = &after[end + e.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "MSH|^~\\&|A||||20090713090030+0500||ORU^R01^ORU_R01|1|P|2.6\rPID|||7\rMSH|^~\\&|B\rOBX|1|ST|x||a\\S\\b\\F\\c\r";

    #[test]
    fn reads_messages_segments_and_separators() {
        let (messages, framing) = read(TWO);
        assert_eq!(messages.len(), 2);
        assert!(!framing.lf_only);
        let msh = &messages[0].segments[0];
        assert_eq!(msh.field(1), "|");
        assert_eq!(msh.field(2), "^~\\&");
        assert_eq!(msh.field(9), "ORU^R01^ORU_R01");
        assert_eq!(msh.field(12), "2.6");
        assert_eq!(messages[0].component(msh.field(9), 3), "ORU_R01");
        let obx = &messages[1].segments[1];
        assert_eq!(obx.line, 4);
        assert_eq!(messages[1].component(obx.field(5), 1), "a^b|c");
    }

    #[test]
    fn other_separators_and_crlf_and_lf() {
        let (m, f) = read("MSH#*~!&#A#B\r\nPID###7*x\r\n");
        assert!(!f.lf_only);
        assert_eq!(m[0].segments[1].field(3), "7*x");
        assert_eq!(m[0].component(m[0].segments[1].field(3), 2), "x");
        assert_eq!(m[0].segments[1].line, 2);
        let (m, _) = read("MSH§^~\\&§A\rPID§§§7\r");
        assert_eq!(m[0].segments[1].field(3), "7");
        let (m, f) = read("MSH|^~\\&|A\nPID|||7\n");
        assert!(f.lf_only);
        assert_eq!(m[0].segments.len(), 2);
    }

    #[test]
    fn batch_wrappers_are_skipped_and_hex_unescaped() {
        let (m, f) = read("FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A\rMSH|^~\\&|B\rBTS|2\rFTS|1\r");
        assert_eq!(m.len(), 2);
        assert_eq!(f.wrappers, ["FHS", "BHS", "BTS", "FTS"]);
        let sep = m[0].separators;
        assert_eq!(unescape("\\X41\\B\\E\\", &sep), "AB\\");
    }
}
