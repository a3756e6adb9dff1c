//! The plain-language statement of how robust the winner is.

use super::{Acceptability, CriterionSweep};
use crate::ranking::{unconfirmed_sentence, Ranking};

fn percent(x: f64) -> String {
    let p = x * 100.0;
    if p > 0.0 && p < 1.0 {
        "under 1 %".into()
    } else if p < 100.0 && p > 99.0 {
        "over 99 %".into()
    } else {
        format!("{:.0} %", p)
    }
}

pub(super) fn robustness_statement(
    names: &[String],
    ids: &[String],
    acceptability: &[Acceptability],
    one_way: &[CriterionSweep],
    (samples, ranged): (u32, bool),
) -> String {
    let leader = &names[0];
    let first = acceptability[0].ranks[0];
    let mut s = format!(
        "{leader} ranks first under the committee's weights and in {} of {} {}",
        percent(first),
        crate::money::format_amount(rust_decimal::Decimal::from(samples), 0),
        if ranged {
            "samples of the weights and of the unconfirmed compatibility points"
        } else {
            "sampled weightings"
        }
    );
    // The smallest single weight change that costs the leader first place.
    let nearest = one_way
        .iter()
        .flat_map(|sweep| {
            sweep
                .break_even
                .iter()
                .filter(|b| b.leader_below == ids[0] || b.leader_above == ids[0])
                .map(move |b| (sweep, b))
        })
        .min_by(|(sa, a), (sb, b)| {
            (a.weight - sa.current_weight)
                .abs()
                .total_cmp(&(b.weight - sb.current_weight).abs())
        });
    match nearest {
        Some((sweep, b)) => {
            let rival = if b.leader_below == ids[0] { &b.leader_above } else { &b.leader_below };
            let rival = ids.iter().position(|id| id == rival).map_or(rival.as_str(), |i| names[i].as_str());
            let direction = if b.weight > sweep.current_weight { "rises above" } else { "falls below" };
            s.push_str(&format!(
                "; it loses first place to {rival} if the weight of {} {direction} {:.0} % (now {:.0} %).",
                sweep.name,
                b.weight * 100.0,
                sweep.current_weight * 100.0
            ));
        }
        None => s.push_str("; no change of a single criterion's weight between 0 and 100 % moves it from first place."),
    }
    if let Some(runner) = acceptability.get(1) {
        if runner.ranks[0] > 0.0 {
            s.push_str(&format!(
                " {} is first in {} of the samples.",
                names[1],
                percent(runner.ranks[0])
            ));
        }
    }
    s
}

/// What confirming each alternative's unconfirmed values could do to its rank, best
/// ranked first; only alternatives whose rank could change.
pub(super) fn unconfirmed_sentences(ranking: &Ranking) -> Vec<String> {
    ranking
        .alternatives
        .iter()
        .filter_map(|a| {
            let names: Vec<String> = a
                .unconfirmed
                .iter()
                .filter_map(|id| ranking.criteria.iter().find(|c| &c.id == id))
                .map(|c| c.name.clone())
                .collect();
            unconfirmed_sentence(&a.name, &names, a.rank?, a.rank_low?, a.rank_high?)
        })
        .collect()
}
