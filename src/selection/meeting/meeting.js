/* selection — the meeting page's script (inlined in the page; no library, no network).
 *
 * The page carries the normalized matrix of the eligible producers (normalization does not
 * depend on the weights) and recomputes, from the sliders' points, what Python computes:
 *
 *   effective weight  w_j = battery share × share of the criterion inside its battery
 *                     (points divided by the points of their level; a level whose points are
 *                     all 0 gives shares 0), as selection.Grid.weight_vector;
 *   weighted sum      s_i = Σ_j w_j r_ij                      (selection/engines/wsm.py)
 *   TOPSIS            D±_i = sqrt(Σ_j w_j² (r_ij − r±_j)²), with r⁺_j = max_i r_ij and
 *                     r⁻_j = min_i r_ij;  C_i = D⁻ / (D⁺ + D⁻), 1/2 when both are 0
 *                                                               (selection/engines/topsis.py)
 *   ranks             competition ranks, scores within 1e-12 (relative) share the best rank,
 *                     producers sharing a rank in table order (selection/engines/ranks.py)
 *   selection         the grid's select: rule, step by step as selection.scoring.apply_rule;
 *                     or, for a rule in tiers, each producer's band as
 *                     selection.scoring.apply_tiers: the number of thresholds its score does not
 *                     reach (on the oriented scale), approved when before the open band.
 *
 * The contract (see selection/meeting/__init__.py): each slider is an <input type="range">
 * named after its key, valued in points; each producer row carries data-producer, data-rank,
 * data-score and data-selected (and data-tier, with tiers), updated on every change;
 * window.selectionMeeting is the test hook.
 */
"use strict";

(() => {
  const DATA = JSON.parse(document.getElementById("meeting-data").textContent);
  const LANG = DATA.lang;
  const WORDS = DATA.words;
  const TEMPLATES = DATA.templates;
  const BATTERIES = DATA.batteries;
  const CRITERIA = DATA.criteria;
  const PRODUCERS = DATA.producers;
  const RULE = DATA.rule;
  // A rule in tiers: the approving bands' thresholds on the oriented scale (best first,
  // decreasing), so that a producer's band is the number of them its oriented score misses.
  const TIERS = RULE.tiers || null;
  const TIERED = TIERS !== null;
  const CUTS = TIERED ? Float64Array.from(TIERS.cuts) : new Float64Array(0);
  const APPROVING = CUTS.length;
  const SCALE = DATA.scale;
  const TOPSIS = DATA.method === "topsis";
  const n = PRODUCERS.length;
  const m = CRITERIA.length;
  const TIE = 1e-12; // selection.engines.ranks.TIE_TOLERANCE
  const KEYS = BATTERIES.map((b) => b.key).concat(CRITERIA.map((c) => c.key));

  // The normalized matrix, criterion by criterion (contiguous columns, as the kernels read it).
  const columns = CRITERIA.map((_, j) => Float64Array.from(DATA.normalized, (row) => row[j]));
  // TOPSIS: squared distances of every value to its column's ideal and anti-ideal.
  const gapPlus = columns.map((col) => {
    const ideal = col.reduce((a, x) => Math.max(a, x), -Infinity);
    return col.map((x) => (x - ideal) * (x - ideal));
  });
  const gapMinus = columns.map((col) => {
    const anti = col.reduce((a, x) => Math.min(a, x), Infinity);
    return col.map((x) => (x - anti) * (x - anti));
  });

  // -- words and numbers in the page's language ---------------------------------------------

  const formats = new Map();
  function formatter(options) {
    const key = JSON.stringify(options);
    if (!formats.has(key)) formats.set(key, new Intl.NumberFormat(LANG, options));
    return formats.get(key);
  }
  // French typography writes the minus sign as − (U+2212), as selection.messages does.
  const minus = (text) => (LANG === "fr" && text.startsWith("-") ? "\u2212" + text.slice(1) : text);
  const fixed = (x, digits) =>
    minus(formatter({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x));
  const percent = (x) => minus(formatter({ style: "percent", maximumFractionDigits: 0 }).format(x));
  const points = (x) => minus(formatter({ maximumFractionDigits: 1 }).format(Math.round(x * 10) / 10));

  // `digits` significant digits, rounded half to even on the shortest decimal form of x, as
  // Babel does for selection.messages ({score:.4g}): 0.12345 gives 0.1234 in both.
  function significant(x, digits) {
    if (!Number.isFinite(x)) return "—";
    if (x === 0) return "0";
    const [mantissa, exponent] = Math.abs(x).toExponential().split("e");
    const all = mantissa.replace(".", "");
    let value = Math.abs(x);
    if (all.length > digits) {
      const kept = all.slice(0, digits);
      const rest = all.slice(digits);
      const odd = Number(kept[kept.length - 1]) % 2 === 1;
      const up = rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || odd));
      const rounded = (BigInt(kept) + (up ? 1n : 0n)).toString();
      value = Number(`${rounded}e${Number(exponent) - digits + 1}`);
    }
    const text = formatter({ maximumSignificantDigits: digits, useGrouping: false }).format(value);
    return minus(x < 0 ? "-" + text : text);
  }

  // A number by a Python format spec, as selection.messages.format_number: .3f, .4g, g, d, .0%.
  function byspec(value, spec) {
    const match = /^(\+)?(?:\.(\d+))?([fgd%])$/.exec(spec);
    if (!match) return String(value);
    const digits = match[2] === undefined ? null : Number(match[2]);
    let text;
    if (match[3] === "g") text = significant(value, digits || 6);
    else if (match[3] === "d") text = minus(formatter({ maximumFractionDigits: 0 }).format(Math.round(value)));
    else if (match[3] === "%") text = minus(formatter({ style: "percent", minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0 }).format(value));
    else text = fixed(value, digits === null ? 6 : digits);
    return match[1] && value >= 0 ? "+" + text : text;
  }

  // Fill a message template: {name} or {name:spec}; {{ and }} are literal braces.
  function fill(template, values) {
    return template.replace(/\{\{|\}\}|\{(\w+)(?::([^}]*))?\}/g, (whole, name, spec) => {
      if (whole === "{{") return "{";
      if (whole === "}}") return "}";
      if (!(name in values)) return whole;
      const value = values[name];
      if (typeof value === "number" && spec) return byspec(value, spec);
      return String(value);
    });
  }
  const say = (key, values = {}) => fill(WORDS[key], values);
  const lists = new Intl.ListFormat(LANG, { type: "conjunction" });
  const list = (items) => lists.format(items);
  const reasonText = (reason) => fill(TEMPLATES[reason.code], reason.values);
  // A band's label (band APPROVING: the open band's, or "" when those producers are in none),
  // and the same in words ("not approved" for none).
  const tierName = (band) =>
    band < APPROVING ? TIERS.bands[band].label : TIERS.open ? TIERS.open.label : "";
  const tierWords = (band) => tierName(band) || TEMPLATES["tier.not_approved"];

  // -- the arithmetic --------------------------------------------------------------------------

  // Points by key → battery shares, shares inside batteries, effective criterion weights.
  function weightsOf(pts) {
    const batteryTotal = BATTERIES.reduce((a, b) => a + pts[b.key], 0);
    const batteryShares = BATTERIES.map((b) => (batteryTotal > 0 ? pts[b.key] / batteryTotal : 0));
    const inside = new Float64Array(m);
    for (const battery of BATTERIES) {
      const total = battery.criteria.reduce((a, j) => a + pts[CRITERIA[j].key], 0);
      for (const j of battery.criteria) inside[j] = total > 0 ? pts[CRITERIA[j].key] / total : 0;
    }
    const w = Float64Array.from(CRITERIA, (c, j) => batteryShares[c.battery] * inside[j]);
    return { batteryTotal, batteryShares, inside, w };
  }

  // Scores of every eligible producer under criterion weights w; with `parts`, each
  // criterion's contribution too (score = baseline + Σ parts: 0 for wsm, 1/2 for TOPSIS).
  function scoresOf(w, parts = false) {
    const scores = new Float64Array(n);
    const contributions = parts ? CRITERIA.map(() => new Float64Array(n)) : null;
    if (!TOPSIS) {
      for (let j = 0; j < m; j++) {
        const col = columns[j];
        const wj = w[j];
        for (let i = 0; i < n; i++) {
          const c = wj * col[i];
          scores[i] += c;
          if (parts) contributions[j][i] = c;
        }
      }
      return { scores, contributions, baseline: 0 };
    }
    const dPlus = new Float64Array(n);
    const dMinus = new Float64Array(n);
    for (let j = 0; j < m; j++) {
      const squared = w[j] * w[j];
      const near = gapPlus[j];
      const far = gapMinus[j];
      for (let i = 0; i < n; i++) {
        dPlus[i] += squared * near[i];
        dMinus[i] += squared * far[i];
      }
    }
    for (let i = 0; i < n; i++) {
      const plus = Math.sqrt(Math.max(dPlus[i], 0));
      const minusDistance = Math.sqrt(Math.max(dMinus[i], 0));
      const total = plus + minusDistance;
      scores[i] = total > 0 ? minusDistance / total : 0.5;
      dPlus[i] = total; // kept for the contributions below
    }
    if (parts) {
      // C_i = 1/2 + Σ_j w_j² [(r_ij − r⁻_j)² − (r_ij − r⁺_j)²] / (2 (D⁺ + D⁻)²)
      for (let j = 0; j < m; j++) {
        const squared = w[j] * w[j];
        for (let i = 0; i < n; i++) {
          const total = dPlus[i];
          contributions[j][i] =
            total > 0 ? (squared * (gapMinus[j][i] - gapPlus[j][i])) / (2 * total * total) : 0;
        }
      }
    }
    return { scores, contributions, baseline: 0.5 };
  }

  // Competition ranks (1 = best; scores within TIE relative share the best rank) and the
  // order of the producers: by rank, then table order, as selection.Ranking.table.
  function ranksOf(scores) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => scores[b] - scores[a] || a - b);
    const ranks = new Int32Array(n);
    let current = 1;
    for (let k = 0; k < n; k++) {
      if (k > 0) {
        const before = scores[order[k - 1]];
        const here = scores[order[k]];
        if (before - here > TIE * Math.max(Math.abs(before), Math.abs(here))) current = k + 1;
      }
      ranks[order[k]] = current;
    }
    order.sort((a, b) => ranks[a] - ranks[b] || a - b);
    return { order, ranks };
  }

  // The grid's select: rule, as selection.scoring.apply_rule: minimum quotas first with the
  // best of their category, then rank order while places remain, skipping producers whose
  // category is full or whose score is below min_score. Categories arrive folded.
  function applyRule(order, ranks, scores) {
    const top = RULE.top === null ? n : RULE.top;
    const minimum = RULE.min_score;
    const quotas = RULE.quotas;
    const cells = RULE.categories;
    const columnsUsed = Object.keys(cells);
    const counts = new Map(); // "column\0value" → how many chosen
    const tally = (column, value) => counts.get(column + "\u0000" + value) || 0;
    const chosen = new Map(); // position in `order` → reason
    const passes = (pos) => minimum === null || scores[order[pos]] >= minimum;
    const cell = (column, pos) => cells[column][order[pos]];
    function choose(pos, reason) {
      chosen.set(pos, reason);
      for (const column of columnsUsed) {
        const key = column + "\u0000" + cell(column, pos);
        counts.set(key, (counts.get(key) || 0) + 1);
      }
    }
    function blocking(pos) {
      for (const quota of quotas) {
        const value = cell(quota.column, pos);
        if (quota.max === null || (quota.value !== null && quota.value !== value)) continue;
        if (tally(quota.column, value) >= quota.max) return quota;
      }
      return null;
    }
    for (const quota of quotas) {
      if (quota.min === null) continue;
      for (let pos = 0; pos < n; pos++) {
        if (tally(quota.column, quota.value) >= quota.min || chosen.size >= top) break;
        const matches = cell(quota.column, pos) === quota.value;
        if (passes(pos) && !chosen.has(pos) && matches && blocking(pos) === null) {
          const rank = ranks[order[pos]];
          choose(pos, { code: "decision.quota_pick", values: { rank, quota: quota.text } });
        }
      }
    }
    const reasons = new Array(n);
    for (let pos = 0; pos < n; pos++) {
      if (chosen.has(pos)) continue;
      const rank = ranks[order[pos]];
      if (!passes(pos)) {
        const score = scores[order[pos]];
        reasons[pos] = { code: "decision.below_min_score", values: { rank, score, minimum } };
      } else if (chosen.size >= top) {
        const code = top === 1 ? "decision.places_taken/one" : "decision.places_taken";
        reasons[pos] = { code, values: { rank, count: top } };
      } else {
        const full = blocking(pos);
        if (full !== null) {
          reasons[pos] = { code: "decision.quota_full", values: { rank, quota: full.text } };
        } else {
          choose(pos, { code: "decision.selected", values: { rank } });
        }
      }
    }
    const selected = new Uint8Array(n);
    const why = new Array(n);
    const position = new Int32Array(n);
    for (let pos = 0; pos < n; pos++) {
      const i = order[pos];
      position[i] = pos;
      selected[i] = chosen.has(pos) ? 1 : 0;
      why[i] = chosen.has(pos) ? chosen.get(pos) : reasons[pos];
    }
    return { selected, why, position };
  }

  // A rule in tiers, as selection.scoring.tier_bands: each producer's band (0 = best) is the
  // number of thresholds its oriented score (direction × score) does not reach; band
  // APPROVING is below them all (the open band, or none).
  function bandsOf(scores) {
    const band = new Int32Array(n);
    const sign = TIERS.direction;
    for (let i = 0; i < n; i++) {
      const value = sign * scores[i];
      let b = 0;
      for (let l = 0; l < APPROVING; l++) if (value < CUTS[l]) b++;
      band[i] = b;
    }
    return band;
  }

  // The tiers' decisions and reasons, as selection.scoring.apply_tiers: a band before the
  // open one approves (data-selected "true").
  function applyTiers(scores) {
    const band = bandsOf(scores);
    const selected = new Uint8Array(n);
    const why = new Array(n);
    const up = TIERS.direction > 0;
    const last = TIERS.bands[APPROVING - 1].threshold;
    for (let i = 0; i < n; i++) {
      const score = scores[i];
      if (band[i] < APPROVING) {
        const tier = TIERS.bands[band[i]];
        selected[i] = 1;
        why[i] = {
          code: up ? "decision.tier_min" : "decision.tier_max",
          values: { score, threshold: tier.threshold, label: tier.label },
        };
      } else if (TIERS.open) {
        why[i] = {
          code: up ? "decision.tier_rest_min" : "decision.tier_rest_max",
          values: { score, threshold: last, label: TIERS.open.label },
        };
      } else {
        why[i] = {
          code: up ? "decision.tier_none_min" : "decision.tier_none_max",
          values: { score, threshold: last },
        };
      }
    }
    return { selected, why, band };
  }

  // Everything for one weighting in points: weights, scores, ranks, the rule's outcome.
  function evaluate(pts, parts = true) {
    const weights = weightsOf(pts);
    const scored = scoresOf(weights.w, parts);
    const ranked = ranksOf(scored.scores);
    const outcome = TIERED
      ? applyTiers(scored.scores)
      : applyRule(ranked.order, ranked.ranks, scored.scores);
    return { pts, ...weights, ...scored, ...ranked, ...outcome };
  }

  // Only what the rule needs, at criterion weights w (used many times by the ranges below):
  // with tiers, the bands alone (no ranks).
  function outcomeAt(w) {
    const { scores } = scoresOf(w, false);
    if (TIERED) return { scores, band: bandsOf(scores) };
    const { order, ranks } = ranksOf(scores);
    return { scores, order, ...applyRule(order, ranks, scores) };
  }

  // -- stability ranges --------------------------------------------------------------------
  //
  // Moving one slider while every other slider stays where it is moves its share t of its
  // level (t = p / (p + rest), `rest` the points of the others) and leaves the others in
  // proportion, so the criterion weights run along a line w(t) = u + t v. On that line the
  // weighted sum is linear in t (s_i = a_i + t b_i): the selection can only change where two
  // producers cross or a score crosses min_score, and those points are found exactly. With
  // tiers, a producer changes band only where its score crosses a threshold: solved directly,
  // t = (τ − a_i) / b_i (selection.sensitivity.tier_segments). TOPSIS is not linear in t: its
  // range is found by scanning the slider, then by bisection.

  function lineFor(key, pts) {
    const state = weightsOf(pts);
    const u = new Float64Array(m);
    const v = new Float64Array(m);
    const b = BATTERIES.findIndex((battery) => battery.key === key);
    let rest;
    if (b >= 0) {
      rest = BATTERIES.reduce((a, battery, k) => (k === b ? a : a + pts[battery.key]), 0);
      for (let j = 0; j < m; j++) {
        const own = CRITERIA[j].battery;
        if (own === b) {
          v[j] = state.inside[j];
        } else {
          u[j] = rest > 0 ? (pts[BATTERIES[own].key] / rest) * state.inside[j] : 0;
          v[j] = -u[j];
        }
      }
    } else {
      const target = CRITERIA.findIndex((c) => c.key === key);
      const own = CRITERIA[target].battery;
      const share = state.batteryShares[own];
      rest = BATTERIES[own].criteria.reduce(
        (a, j) => (j === target ? a : a + pts[CRITERIA[j].key]),
        0,
      );
      for (let j = 0; j < m; j++) {
        if (j === target) {
          v[j] = share;
        } else if (CRITERIA[j].battery === own) {
          u[j] = rest > 0 ? (share * pts[CRITERIA[j].key]) / rest : 0;
          v[j] = -u[j];
        } else {
          u[j] = state.w[j];
        }
      }
    }
    const toT = (p) => (rest > 0 ? p / (p + rest) : p > 0 ? 1 : 0);
    const toPoints = (t) => (t >= 1 ? Infinity : (t * rest) / (1 - t));
    const at = (t) => Float64Array.from(u, (x, j) => x + t * v[j]);
    return { key, value: pts[key], rest, u, v, toT, toPoints, at };
  }

  // The weighted sum: walk the crossings from the current point outwards, in one direction.
  // Returns the t where `changed` first holds (or the end of the slider).
  function exactSide(line, base, direction, changed) {
    const t0 = line.toT(line.value);
    const end = line.toT(direction > 0 ? SCALE : 0);
    if (direction > 0 ? t0 >= end : t0 <= end) return t0;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    for (let j = 0; j < m; j++) {
      const col = columns[j];
      for (let i = 0; i < n; i++) {
        a[i] += line.u[j] * col[i];
        b[i] += line.v[j] * col[i];
      }
    }
    const beyond = (t) => (direction > 0 ? t > t0 && t < end : t < t0 && t > end);
    const events = [];
    for (let i = 0; i < n; i++) {
      for (let k = i + 1; k < n; k++) {
        const slope = b[i] - b[k];
        if (slope !== 0) {
          const t = (a[k] - a[i]) / slope;
          if (beyond(t)) events.push({ t, i, k });
        }
      }
      if (RULE.min_score !== null && b[i] !== 0) {
        const t = (RULE.min_score - a[i]) / b[i];
        if (beyond(t)) events.push({ t, i, k: -1, rising: b[i] * direction > 0 });
      }
    }
    events.sort((x, y) => direction * (x.t - y.t));
    const mid = (x, y) => (x + y) / 2;
    let state = outcomeAt(line.at(mid(t0, events.length ? events[0].t : end)));
    if (changed(state)) return t0;
    for (let e = 0; e < events.length; e++) {
      const event = events[e];
      let last = e;
      while (last + 1 < events.length && events[last + 1].t === event.t) last++;
      // A swap of two neighbours that are both out of the selection cannot change it (the
      // rule treats each in turn from the same state); neither can a producer out of the
      // selection falling below min_score. Everything else is recomputed.
      if (last === e && state.selected[event.i] === 0) {
        if (event.k < 0 && !event.rising) continue;
        if (event.k >= 0 && state.selected[event.k] === 0) {
          const p = state.position[event.i];
          const q = state.position[event.k];
          if (Math.abs(p - q) === 1) {
            state.order[p] = event.k;
            state.order[q] = event.i;
            state.position[event.i] = q;
            state.position[event.k] = p;
            continue;
          }
        }
      }
      const next = last + 1 < events.length ? events[last + 1].t : end;
      state = outcomeAt(line.at(mid(event.t, next)));
      if (changed(state)) return event.t;
      e = last;
    }
    return end;
  }

  // The weighted sum, a rule in tiers: in one direction, the t where the first of producers
  // `rows` changes band (else the end of the slider), and that producer's band beyond. Along
  // the line its oriented score is a_i + t b_i; going up (direction × b_i > 0) it meets the
  // threshold of the band above, going down that of its own band.
  function tierSide(line, base, direction, rows) {
    const t0 = line.toT(line.value);
    const end = line.toT(direction > 0 ? SCALE : 0);
    const out = { t: end, band: null };
    if (direction > 0 ? t0 >= end : t0 <= end) return { t: t0, band: null };
    const sign = TIERS.direction;
    for (const i of rows) {
      let a = 0;
      let b = 0;
      for (let j = 0; j < m; j++) {
        a += line.u[j] * columns[j][i];
        b += line.v[j] * columns[j][i];
      }
      a *= sign;
      b *= sign;
      if (!(Math.abs(b) > 1e-15 * Math.max(1, Math.abs(a)))) continue; // flat: never crosses
      const now = base.band[i];
      const rising = direction * b > 0;
      if (rising ? now === 0 : now === APPROVING) continue; // no threshold that way
      const cut = rising ? CUTS[now - 1] : CUTS[now];
      let t = (cut - a) / b;
      if (direction * (t - t0) < 0) t = t0; // already on the line's other side (rounding)
      if (direction > 0 ? t < out.t : t > out.t) {
        out.t = t;
        out.band = rising ? now - 1 : now + 1;
      }
    }
    return out;
  }

  // TOPSIS: scan the slider in steps of SCALE / STEPS, then bisect the first change. Returns
  // the t of the change (else the end of the slider) and, with one producer in `rows`, its
  // band just beyond.
  const STEPS = 200;
  function numericSide(line, direction, changed, rows) {
    const end = direction > 0 ? SCALE : 0;
    const stepSize = SCALE / STEPS;
    let inside = line.value;
    const at = (p) => outcomeAt(line.at(line.toT(p)));
    while (direction > 0 ? inside < end : inside > end) {
      const p = direction > 0 ? Math.min(inside + stepSize, end) : Math.max(inside - stepSize, end);
      let beyond = at(p);
      if (changed(beyond)) {
        let same = inside;
        let other = p;
        for (let k = 0; k < 60 && Math.abs(other - same) > 1e-9 * SCALE; k++) {
          const half = (same + other) / 2;
          const state = at(half);
          if (changed(state)) {
            other = half;
            beyond = state;
          } else {
            same = half;
          }
        }
        const band = TIERED && rows && rows.length === 1 ? beyond.band[rows[0]] : null;
        return { t: line.toT((same + other) / 2), band };
      }
      inside = p;
    }
    return { t: line.toT(end), band: null };
  }

  // The range of the slider `key`, in points, over which `changed` stays false (default: the
  // selected set stays the same, or with tiers every producer keeps its band), with the band
  // of `rows[0]` just below and just above it (with tiers, one producer; else null). Exact for
  // the weighted sum, numerical for TOPSIS. `rows`: the producers whose bands `changed` reads
  // (the exact computation for tiers reads them instead of calling `changed`).
  const ALL = Array.from({ length: n }, (_, i) => i);
  function spanOf(key, base, changed = null, rows = ALL) {
    const test =
      changed ||
      (TIERED
        ? (state) => differs(state.band, base.band)
        : (state) => differs(state.selected, base.selected));
    const line = lineFor(key, base.pts);
    if (line.rest <= 0) {
      // The only weight of its level: any positive value gives the same shares.
      const other = outcomeAt(line.at(1));
      const still = !test(other);
      if (line.value > 0 && still) return { low: 0, high: SCALE, below: null, above: null };
      const above = TIERED && !still && rows.length === 1 ? other.band[rows[0]] : null;
      return { low: line.value, high: line.value, below: null, above };
    }
    const sides = [1, -1].map((direction) => {
      if (TOPSIS) return numericSide(line, direction, test, rows);
      if (TIERED) return tierSide(line, base, direction, rows);
      return { t: exactSide(line, base, direction, test), band: null };
    });
    // Back to points; the ends of the slider exactly (t → p → t is not exact in floats).
    const toPoints = (t) =>
      t === line.toT(SCALE) ? SCALE : t === 0 ? 0 : Math.min(Math.max(line.toPoints(t), 0), SCALE);
    return {
      low: toPoints(sides[1].t),
      high: toPoints(sides[0].t),
      below: rows.length === 1 ? sides[1].band : null,
      above: rows.length === 1 ? sides[0].band : null,
    };
  }

  function rangeOf(key, base, changed = null, rows = ALL) {
    const { low, high } = spanOf(key, base, changed, rows);
    return [low, high];
  }

  // Producer i's tier: the range of the slider `key` over which it keeps it, and its band
  // beyond each end.
  const keepTier = (key, base, i) =>
    spanOf(key, base, (state) => state.band[i] !== base.band[i], [i]);

  function differs(x, y) {
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return true;
    return false;
  }

  // -- the page ------------------------------------------------------------------------------

  const sliders = Array.from(document.querySelectorAll('input[type="range"]'));
  const sliderOf = new Map(sliders.map((s) => [s.name, s]));
  const rowsByIndex = new Map();
  const detailsByIndex = new Map();
  for (const row of document.querySelectorAll("#eligible tr.producer")) {
    rowsByIndex.set(Number(row.dataset.index), row);
  }
  for (const row of document.querySelectorAll("#eligible tr.detail")) {
    detailsByIndex.set(Number(row.dataset.detail), row);
  }
  const eligibleBody = document.getElementById("eligible");
  const live = document.getElementById("live");
  const openDetails = new Set();

  const readPoints = () => Object.fromEntries(sliders.map((s) => [s.name, Number(s.value)]));
  const gridPoints = Object.fromEntries(
    BATTERIES.map((b) => [b.key, b.points]).concat(CRITERIA.map((c) => [c.key, c.points])),
  );
  const gridState = evaluate(gridPoints);
  let current = null;
  // What the last announcement said: the selected set, or each producer's band with tiers.
  const announcedOf = (state) => (TIERED ? state.band : state.selected);
  let announced = announcedOf(gridState);

  const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"];
  const colour = (b) => COLOURS[b % COLOURS.length];

  // Each producer's contribution by battery.
  function byBattery(state, i) {
    return BATTERIES.map((battery) =>
      battery.criteria.reduce((a, j) => a + state.contributions[j][i], 0),
    );
  }

  function renderSliders(state) {
    BATTERIES.forEach((battery, b) => {
      const slider = sliderOf.get(battery.key);
      const values = { points: points(state.pts[battery.key]), share: percent(state.batteryShares[b]) };
      document.getElementById(`v-b${b}`).textContent = say("battery_value", values);
      slider.setAttribute("aria-valuetext", say("battery_valuetext", values));
      const total = battery.criteria.reduce((a, j) => a + state.pts[CRITERIA[j].key], 0);
      const block = slider.closest(".battery");
      block.querySelector(".void").hidden = !(state.pts[battery.key] > 0 && total <= 0);
    });
    CRITERIA.forEach((criterion, j) => {
      const values = {
        points: points(state.pts[criterion.key]),
        inside: percent(state.inside[j]),
        share: percent(state.w[j]),
      };
      document.getElementById(`v-c${j}`).textContent = say("criterion_value", values);
      sliderOf.get(criterion.key).setAttribute("aria-valuetext", say("criterion_valuetext", values));
    });
    document.getElementById("all-zero").hidden = state.batteryTotal > 0;
  }

  function renderBar(bar, parts, scale) {
    if (bar.childElementCount !== BATTERIES.length + 1) {
      bar.replaceChildren();
      BATTERIES.forEach((_, b) => {
        const seg = document.createElement("span");
        seg.className = "seg";
        seg.style.background = colour(b);
        bar.append(seg);
      });
      const zero = document.createElement("span");
      zero.className = "zero";
      bar.append(zero);
    }
    const span = scale.positive + scale.negative || 1;
    const origin = scale.negative / span;
    let right = origin;
    let left = origin;
    parts.forEach((value, b) => {
      const seg = bar.children[b];
      const width = Math.abs(value) / span;
      if (value >= 0) {
        seg.style.left = `${(right * 100).toFixed(3)}%`;
        right += width;
      } else {
        left -= width;
        seg.style.left = `${(left * 100).toFixed(3)}%`;
      }
      seg.style.width = `${(width * 100).toFixed(3)}%`;
    });
    bar.children[BATTERIES.length].style.left = `calc(${(origin * 100).toFixed(3)}% - 1px)`;
    bar.children[BATTERIES.length].hidden = scale.negative === 0;
    const items = parts.map((value, b) =>
      say("bar_item", { label: BATTERIES[b].label, value: fixed(value, 3) }),
    );
    bar.setAttribute("aria-label", say("bar_label", { items: items.join(TEMPLATES["list.separator"]) }));
  }

  // Rows are rewritten only where something changed, and moved only when the order did:
  // the page keeps up with a slider dragged across a table of a hundred producers.
  const shown = new Map(); // producer index → what its row shows now
  let shownOrder = [];
  function put(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  // The bars are drawn once per frame, however many changes came in between.
  let barsFrame = 0;
  function scheduleBars() {
    if (barsFrame) return;
    barsFrame = requestAnimationFrame(() => {
      barsFrame = 0;
      renderBars(current);
    });
  }

  function renderBars(state) {
    const parts = PRODUCERS.map((_, i) => byBattery(state, i));
    const scale = { positive: 0, negative: 0 };
    for (const row of parts) {
      scale.positive = Math.max(scale.positive, row.reduce((a, x) => a + Math.max(x, 0), 0));
      scale.negative = Math.max(scale.negative, row.reduce((a, x) => a - Math.min(x, 0), 0));
    }
    for (let i = 0; i < n; i++) {
      const key = parts[i].join(" ") + " " + scale.positive + " " + scale.negative;
      const bar = rowsByIndex.get(i).querySelector(".bar");
      if (bar.dataset.drawn !== key) {
        renderBar(bar, parts[i], scale);
        bar.dataset.drawn = key;
      }
    }
  }

  function renderRows(state) {
    for (const i of state.order) {
      const row = rowsByIndex.get(i);
      const chosen = state.selected[i] === 1;
      const now = {
        rank: String(state.ranks[i]),
        score: String(state.scores[i]),
        selected: chosen ? "true" : "false",
        why: reasonText(state.why[i]),
        tier: TIERED ? tierName(state.band[i]) : null,
      };
      const before = shown.get(i) || {};
      if (before.rank !== now.rank) {
        row.dataset.rank = now.rank;
        put(row.querySelector("td.rank"), now.rank);
      }
      if (before.score !== now.score) {
        row.dataset.score = now.score;
        put(row.querySelector("td.score"), fixed(state.scores[i], 3));
      }
      if (before.selected !== now.selected) {
        row.dataset.selected = now.selected;
        row.classList.toggle("is-selected", chosen);
        row.classList.toggle("is-out", !chosen);
        row.classList.toggle("moved-in", chosen && gridState.selected[i] === 0);
        row.classList.toggle("moved-out", !chosen && gridState.selected[i] === 1);
        if (!TIERED) {
          put(row.querySelector(".badge"), chosen ? say("selected") : say("not_selected"));
        }
      }
      if (TIERED && before.tier !== now.tier) {
        row.dataset.tier = now.tier;
        row.classList.toggle("tier-changed", state.band[i] !== gridState.band[i]);
        put(row.querySelector(".badge"), tierWords(state.band[i]));
      }
      if (before.why !== now.why) put(row.querySelector(".why"), now.why);
      shown.set(i, now);
    }
    if (state.order.some((i, k) => shownOrder[k] !== i)) {
      // Move only the rows out of place (a swap of two neighbours moves one row).
      let cursor = eligibleBody.firstElementChild;
      for (const i of state.order) {
        const row = rowsByIndex.get(i);
        const detail = detailsByIndex.get(i);
        if (cursor === row) {
          cursor = detail.nextElementSibling;
        } else {
          eligibleBody.insertBefore(row, cursor);
          eligibleBody.insertBefore(detail, cursor);
        }
      }
      shownOrder = Array.from(state.order);
    }
    const selected = state.selected.reduce((a, x) => a + x, 0);
    const count = TIERED ? tierCount(state, selected) : say("count", { selected, eligible: n });
    put(document.getElementById("count"), count);
    if (TIERED) {
      const moves = tierChanges(state, gridState.band);
      const changes = moves.length
        ? moves.join(TEMPLATES["list.separator"])
        : say("same_tiers_as_grid");
      put(document.getElementById("versus"), say("versus_grid", { changes }));
      scheduleBars();
      return;
    }
    const entered = [];
    const left = [];
    for (let i = 0; i < n; i++) {
      if (state.selected[i] && !gridState.selected[i]) entered.push(PRODUCERS[i].who);
      if (!state.selected[i] && gridState.selected[i]) left.push(PRODUCERS[i].who);
    }
    const changes = [];
    if (entered.length) changes.push(say("entered", { names: list(entered) }));
    if (left.length) changes.push(say("left", { names: list(left) }));
    const versus = say("versus_grid", {
      changes: changes.length ? changes.join(TEMPLATES["list.separator"]) : say("same_as_grid"),
    });
    put(document.getElementById("versus"), versus);
    scheduleBars();
  }

  // With tiers: how many eligible producers are in each band, as selection.Decisions.summary
  // words it, and how many are approved.
  function tierCount(state, approved) {
    const counts = new Array(APPROVING + 1).fill(0);
    for (let i = 0; i < n; i++) counts[state.band[i]]++;
    const parts = TIERS.bands.map((tier, b) =>
      fill(TEMPLATES["decisions.tier_count"], { label: tier.label, count: counts[b] }),
    );
    parts.push(
      TIERS.open
        ? fill(TEMPLATES["decisions.tier_count"], {
            label: TIERS.open.label,
            count: counts[APPROVING],
          })
        : fill(TEMPLATES["decisions.not_approved_count"], { count: counts[APPROVING] }),
    );
    const counted = parts.join(TEMPLATES["list.separator"]);
    return say("count_tiers", { counts: counted, approved, eligible: n });
  }

  // With tiers: who is in another band than `bands` says, in rank order ("P4: gold → silver").
  function tierChanges(state, bands) {
    const moves = [];
    for (const i of state.order) {
      if (state.band[i] === bands[i]) continue;
      moves.push(
        say("tier_change", {
          name: PRODUCERS[i].who,
          before: tierWords(bands[i]),
          after: tierWords(state.band[i]),
        }),
      );
    }
    return moves;
  }

  // Tell screen readers (and the room) who entered and left since the last announcement (with
  // tiers: who changed tier).
  function announce() {
    if (TIERED) {
      const moves = tierChanges(current, announced);
      live.textContent = moves.length
        ? say("live_tiers", { changes: moves.join(TEMPLATES["list.separator"]) })
        : say("live_same_tiers");
      announced = announcedOf(current);
      return;
    }
    const entered = [];
    const left = [];
    for (let i = 0; i < n; i++) {
      if (current.selected[i] && !announced[i]) entered.push(PRODUCERS[i].who);
      if (!current.selected[i] && announced[i]) left.push(PRODUCERS[i].who);
    }
    const parts = [];
    if (entered.length) parts.push(say("live_entered", { names: list(entered) }));
    if (left.length) parts.push(say("live_left", { names: list(left) }));
    live.textContent = parts.length ? parts.join(" ") : say("live_same");
    announced = announcedOf(current);
  }

  function rangeText(low, high) {
    if (low <= 0 && high >= SCALE) return say(TIERED ? "stable_tiers_whole" : "stable_whole");
    if (high - low <= 1e-9 * SCALE) return say(TIERED ? "stable_tiers_point" : "stable_point");
    const text = say(TIERED ? "stable_tiers" : "stable", { low: points(low), high: points(high) });
    return TOPSIS ? `${text} ${say("stable_numeric")}` : text;
  }

  function renderRange(state, key) {
    const slider = sliderOf.get(key);
    const [low, high] = rangeOf(key, state);
    const track = slider.closest(".track");
    track.style.setProperty("--low", String(low / SCALE));
    track.style.setProperty("--high", String(high / SCALE));
    put(document.getElementById(slider.id.replace("w-", "r-")), rangeText(low, high));
  }

  // What would change a producer's status, slider by slider.
  function statusText(state, i, key) {
    const was = state.selected[i];
    const [low, high] = rangeOf(key, state, (other) => other.selected[i] !== was);
    const below = low > 1e-9 * SCALE;
    const above = high < SCALE * (1 - 1e-12);
    const values = { low: points(low), high: points(high) };
    if (was) return below || above ? say("keeps_in", values) : say("keeps_in_whole");
    if (below && above) return say("gets_in_either", values);
    if (below) return say("gets_in_below", values);
    if (above) return say("gets_in_above", values);
    return say("stays_out");
  }

  // With tiers: the range of one slider over which the producer keeps its tier, and the tier
  // it reaches beyond each end.
  function tierText(state, i, key) {
    const { low, high, below, above } = keepTier(key, state, i);
    const tier = tierWords(state.band[i]);
    const bounded = [low > 1e-9 * SCALE, high < SCALE * (1 - 1e-12)];
    if (!bounded[0] && !bounded[1]) return say("keeps_tier_whole", { tier });
    const parts = [
      high - low <= 1e-9 * SCALE
        ? say("keeps_tier_point", { tier })
        : say("keeps_tier", { tier, low: points(low), high: points(high) }),
    ];
    if (bounded[0] && below !== null) {
      parts.push(say("tier_below", { low: points(low), tier: tierWords(below) }));
    }
    if (bounded[1] && above !== null) {
      parts.push(say("tier_above", { high: points(high), tier: tierWords(above) }));
    }
    return parts.join(TEMPLATES["list.separator"]);
  }
  const changeText = (state, i, key) =>
    TIERED ? tierText(state, i, key) : statusText(state, i, key);

  function cellOf(tag, text, label, className) {
    const cell = document.createElement(tag);
    cell.textContent = text;
    if (label) cell.dataset.label = label + WORDS.colon;
    if (className) cell.className = className;
    return cell;
  }

  // A weight in the details: its points and its share of the total weight.
  const weightText = (state, key, share) =>
    say("battery_value", { points: points(state.pts[key]), share: percent(share) });

  function renderDetail(state, i, withStatus) {
    const holder = detailsByIndex.get(i).firstElementChild;
    const table = document.createElement("table");
    table.className = "criteria";
    const head = table.createTHead().insertRow();
    const change = TIERED ? "col_change_tier" : "col_change";
    for (const key of ["col_criterion", "col_value", "col_weight", "col_contribution", change]) {
      const th = cellOf("th", say(key));
      th.scope = "col";
      head.append(th);
    }
    const body = table.createTBody();
    const pending = say("stable_pending");
    BATTERIES.forEach((battery, b) => {
      const row = body.insertRow();
      const name = cellOf("th", battery.label, null, "group");
      name.scope = "rowgroup";
      const contribution = battery.criteria.reduce((a, j) => a + state.contributions[j][i], 0);
      row.append(
        name,
        cellOf("td", "", null, "group"),
        cellOf("td", weightText(state, battery.key, state.batteryShares[b]), say("col_weight"), "num group"),
        cellOf("td", fixed(contribution, 3), say("col_contribution"), "num group"),
        cellOf(
          "td",
          withStatus ? changeText(state, i, battery.key) : pending,
          say(change),
          "group",
        ),
      );
      for (const j of battery.criteria) {
        const line = body.insertRow();
        const label = cellOf("th", CRITERIA[j].label);
        label.scope = "row";
        line.append(
          label,
          cellOf("td", PRODUCERS[i].values[j], say("col_value")),
          cellOf("td", weightText(state, CRITERIA[j].key, state.w[j]), say("col_weight"), "num"),
          cellOf("td", fixed(state.contributions[j][i], 3), say("col_contribution"), "num"),
          cellOf("td", withStatus ? changeText(state, i, CRITERIA[j].key) : pending, say(change)),
        );
      }
    });
    holder.replaceChildren(table);
  }

  // The heavy part (ranges) waits until the sliders rest for a moment.
  // The heavy part (ranges, a scan for TOPSIS) waits until the sliders rest for a moment,
  // then runs one slider (or one open detail) per task, so that the page stays responsive;
  // a newer change abandons the work left.
  let rangesTimer = 0;
  let announceTimer = 0;
  let generation = 0;
  function scheduleRanges() {
    clearTimeout(rangesTimer);
    const mine = ++generation;
    rangesTimer = setTimeout(() => {
      const state = current;
      const jobs = KEYS.map((key) => () => renderRange(state, key));
      for (const i of openDetails) jobs.push(() => renderDetail(state, i, true));
      const next = () => {
        if (mine !== generation || jobs.length === 0) return;
        jobs.shift()();
        setTimeout(next, 0);
      };
      next();
    }, 150);
  }
  function scheduleAnnouncement() {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(announce, 700);
  }

  function update() {
    current = evaluate(readPoints());
    renderSliders(current);
    renderRows(current);
    for (const i of openDetails) renderDetail(current, i, false);
    scheduleRanges();
  }

  // -- presets: the grid's weights, each member's, the group's --------------------------------

  const presets = { grid: gridPoints };
  DATA.members.forEach((member, i) => (presets[`member:${i}`] = member.points));
  DATA.groups.forEach((group) => (presets[`group:${group.how}`] = group.points));
  const presetButtons = Array.from(document.querySelectorAll("[data-preset]"));
  const presetNames = { grid: say("grid_name") };
  DATA.members.forEach((member, i) => (presetNames[`member:${i}`] = member.name));
  DATA.groups.forEach(
    (group) => (presetNames[`group:${group.how}`] = say("group", { how: WORDS[`how.${group.how}`] })),
  );

  function setPoints(pts) {
    for (const [key, value] of Object.entries(pts)) {
      const slider = sliderOf.get(key);
      if (slider) slider.value = String(value);
    }
  }

  // A large or anonymous committee: members load from a list rather than a button each.
  const memberSelect = document.getElementById("member-select");

  function markPreset(name) {
    for (const button of presetButtons) {
      button.setAttribute("aria-pressed", button.dataset.preset === name ? "true" : "false");
    }
    if (memberSelect) memberSelect.value = name && name.startsWith("member:") ? name : "";
    document.getElementById("now").textContent = say("now_weights", {
      name: name ? presetNames[name] : say("own_weights"),
    });
  }

  for (const button of presetButtons) {
    button.addEventListener("click", () => {
      setPoints(presets[button.dataset.preset]);
      update();
      markPreset(button.dataset.preset);
      scheduleAnnouncement();
    });
  }
  if (memberSelect) {
    memberSelect.addEventListener("change", () => {
      const name = memberSelect.value;
      if (!(name in presets)) return;
      setPoints(presets[name]);
      update();
      markPreset(name);
      scheduleAnnouncement();
    });
  }
  for (const slider of sliders) {
    slider.addEventListener("input", () => {
      update();
      markPreset(null);
      scheduleAnnouncement();
    });
    slider.addEventListener("change", () => {
      // After `input`, `change` usually brings nothing new: recompute only if it does.
      const pts = readPoints();
      if (KEYS.some((key) => pts[key] !== current.pts[key])) {
        update();
        markPreset(null);
      }
      scheduleAnnouncement();
    });
  }

  // -- details ---------------------------------------------------------------------------------

  for (const [i, row] of rowsByIndex) {
    const button = row.querySelector("button.more");
    button.hidden = false;
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      detailsByIndex.get(i).hidden = !open;
      if (open) {
        openDetails.add(i);
        renderDetail(current, i, false);
        scheduleRanges();
      } else {
        openDetails.delete(i);
      }
    });
  }

  // -- keeping the weights -------------------------------------------------------------------

  // A number as YAML 1.1 (PyYAML) reads back the same float: "1e-7" would be a string there.
  function yamlNumber(x) {
    const text = String(x);
    if (!/e/i.test(text)) return text;
    const [mantissa, exponent] = text.toLowerCase().split("e");
    const sign = exponent.startsWith("-") ? "-" : "+";
    return `${mantissa.includes(".") ? mantissa : mantissa + ".0"}e${sign}${exponent.replace(/^[-+]/, "")}`;
  }
  // Strings double-quoted as JSON, which YAML reads as the same string.
  const yamlString = (text) => JSON.stringify(String(text));

  // Why the current weights cannot be kept (a weights file must give a battery some points,
  // and some points to a criterion of each battery that has points), or null.
  function refusal(pts) {
    if (BATTERIES.every((b) => !(pts[b.key] > 0))) return say("all_zero");
    for (const battery of BATTERIES) {
      const total = battery.criteria.reduce((a, j) => a + pts[CRITERIA[j].key], 0);
      if (pts[battery.key] > 0 && !(total > 0)) return `${battery.label}${WORDS.colon}${say("battery_void")}`;
    }
    return null;
  }

  function keptText(name) {
    const pts = readPoints();
    const who = String(name || "").trim() || say("keep_default_name");
    const lines = [
      `# ${say("keep_comment", { grid: DATA.grid.name }).replace(/[\r\n]+/g, " ")}`,
      `# selection ${DATA.version}, grid ${DATA.grid.short_hash}, ${DATA.method}`,
      "format: selection/weights@1",
      `grid: ${yamlString(DATA.grid.name)}`,
      "members:",
      `  - name: ${yamlString(who)}`,
      "    method: points",
      "    weights:",
    ];
    for (const battery of BATTERIES) {
      lines.push(`      ${yamlString(battery.key)}: ${yamlNumber(pts[battery.key])}`);
      for (const j of battery.criteria) {
        lines.push(`      ${yamlString(CRITERIA[j].key)}: ${yamlNumber(pts[CRITERIA[j].key])}`);
      }
    }
    return lines.join("\n") + "\n";
  }

  let downloadUrl = null;
  document.getElementById("keep-button").addEventListener("click", () => {
    const refused = document.getElementById("keep-refused");
    const output = document.getElementById("keep-output");
    const why = refusal(readPoints());
    refused.hidden = why === null;
    refused.textContent = why === null ? "" : say("keep_refused", { why });
    output.hidden = why !== null;
    if (why !== null) return;
    const text = keptText(document.getElementById("keep-name").value);
    document.getElementById("keep-text").value = text;
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([text], { type: "text/yaml;charset=utf-8" }));
    document.getElementById("keep-download").href = downloadUrl;
    document.getElementById("keep-copied").textContent = "";
  });
  document.getElementById("keep-copy").addEventListener("click", async () => {
    const area = document.getElementById("keep-text");
    try {
      await navigator.clipboard.writeText(area.value);
    } catch {
      area.select();
      document.execCommand("copy");
    }
    document.getElementById("keep-copied").textContent = say("keep_copied");
  });

  // -- start, and the test hook ----------------------------------------------------------------

  update();
  markPreset("grid");

  const byId = (values) => Object.fromEntries(PRODUCERS.map((p, i) => [p.id, values(i)]));
  function withDefaults(pts) {
    return { ...readPoints(), ...(pts || {}) };
  }
  function report(state) {
    const out = {
      scores: byId((i) => state.scores[i]),
      ranks: byId((i) => state.ranks[i]),
      selected: PRODUCERS.filter((_, i) => state.selected[i]).map((p) => p.id),
      order: Array.from(state.order, (i) => PRODUCERS[i].id),
      contributions: byId((i) => byBattery(state, i)),
      reasons: byId((i) => reasonText(state.why[i])),
    };
    if (TIERED) out.tiers = byId((i) => tierName(state.band[i]));
    return out;
  }
  window.selectionMeeting = {
    keys: KEYS.slice(),
    evaluate: (pts) => report(evaluate(withDefaults(pts))),
    evaluateMany: (many) => many.map((pts) => report(evaluate(withDefaults(pts)))),
    set(pts) {
      setPoints(pts);
      update();
      markPreset(null);
      return readPoints();
    },
    points: readPoints,
    ranges(pts) {
      const state = evaluate(withDefaults(pts));
      return Object.fromEntries(KEYS.map((key) => [key, rangeOf(key, state)]));
    },
    statusRanges(id, pts) {
      const state = evaluate(withDefaults(pts));
      const i = PRODUCERS.findIndex((p) => p.id === id);
      if (TIERED) {
        return Object.fromEntries(
          KEYS.map((key) => {
            const { low, high } = keepTier(key, state, i);
            return [key, [low, high]];
          }),
        );
      }
      const was = state.selected[i];
      return Object.fromEntries(
        KEYS.map((key) => [key, rangeOf(key, state, (other) => other.selected[i] !== was)]),
      );
    },
    tierRanges(id, pts) {
      if (!TIERED) return null;
      const state = evaluate(withDefaults(pts));
      const i = PRODUCERS.findIndex((p) => p.id === id);
      return Object.fromEntries(
        KEYS.map((key) => {
          const { low, high, below, above } = keepTier(key, state, i);
          const name = (band) => (band === null ? null : tierName(band));
          const tier = tierName(state.band[i]);
          return [key, { tier, low, high, below: name(below), above: name(above) }];
        }),
      );
    },
    keptText: (name) => keptText(name),
    refusal: () => refusal(readPoints()),
  };
})();
