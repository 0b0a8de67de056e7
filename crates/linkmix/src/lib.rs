//! The compressor of `#share=~~` links: a small context-mixing model (in the manner of
//! Matt Mahoney's lpaq1) driving a binary arithmetic coder. On a program's JSON it writes
//! about a quarter fewer bytes than deflate, because it predicts each bit of the text from
//! several contexts at once (the last 0, 1, 2, 3, 4 and 6 bytes, the word being typed,
//! the place in the JSON's lists and the longest earlier match), mixed by weights it
//! learns as it goes, instead of only copying earlier strings.
//!
//! Before coding, the model reads [`PRIMER`], a fixed text of common English and program
//! words, so that the first use of a word costs less. Encoder and decoder run the same
//! integer arithmetic, so the result is identical on every platform. **Links written
//! with this model are out in the world: the model, its tables and the primer must never
//! change; an improvement needs a new model number ([`MODEL`]), a new link mark and this
//! module kept for reading.** `tests/frozen.rs` pins its output on fixed texts.
//!
//! The stream: the length of the text as an unsigned LEB128 number, a 16-bit check of
//! the text (see [`check`], little-endian), then the coder's bytes, with trailing zero
//! bytes left out (the decoder reads past the end as zeros). The check is how a link cut
//! short or garbled is told apart from a good one: the coder itself decodes anything.
//! Decoding takes untrusted input: it never panics, refuses a length over the caller's
//! limit, and a length more than [`MAX_RATIO`] times the stream's own size (more than
//! the coder can reach), so a short hostile link cannot make it work long.

/// The model this crate is, as share links name it. A link whose mark names no model is
/// this one (all links before model marks existed were); a later model gets the next
/// number and its own mark, and this crate stays as it is, for reading.
pub const MODEL: u32 = 1;

/// The most a text may be larger than its stream (whose length counts as at least 16),
/// as a multiple. Not a guess at how well programs compress: the coder never gives a bit
/// a probability above 4095/4096, so every bit costs at least 0.00035 bits of stream and
/// no stream [`compress`] writes is denser than about 2,840 to 1. A claim beyond this is
/// damage, refused before any work.
pub const MAX_RATIO: usize = 4096;

/// Read by the model before every text, encoding and decoding alike. Never change it.
const PRIMER: &str = "the of and to in for on with by from at as is are was were be \
been not no it its this that will would can could should must may has have had do does \
did done we our they their who what when where which how all any each more than then also \
only just still yet already before after until since during within without about over \
under into out new next last first week weeks day days month quarter date due today \
team teams lead owner program project plan scope schedule timeline milestone launch \
release rollout beta pilot freeze deadline target slip delay late early on track at risk \
blocked blocker waiting pending approved approval sign-off review reviewed decision \
decisions escalate escalated escalation risk risks issue mitigation contingency fallback \
option options recommend recommendation trade-off dependency dependencies vendor partner \
contract legal security compliance audit privacy policy data customer customers users \
support service api sdk backend frontend web mobile ios android app platform \
infrastructure cloud cluster database schema migration integration endpoint test tests \
testing load performance staging production environment config deploy pipeline \
monitoring alerts dashboards on-call incident bug fix design spec requirements prototype \
build feature capacity hiring budget cost procurement hardware shipment delivery \
delivered provider certificate certification Team Lead Owner Review Launch Release \
Security Legal Data Design Mobile Web Platform API QA SRE iOS Android \
[1,\"throughline/2\",\"\",[[\"\",\"\",\"\",\"\",null,null,null,[[\"\",1,2]],null,null,\
null,[\"jira\"],[[0,0,\"\"]]],[\"\",\"\",null,null,null,null,[\"linear\"]]],\
null,null,null,null,null,null,[null,null,null,null,null,[[\"\",1,\"\"]]]]]";

const SQUASH_POINTS: [i32; 33] = [
    1, 2, 3, 6, 10, 16, 27, 45, 73, 120, 194, 310, 488, 747, 1101, 1546, 2047, 2549, 2994, 3348,
    3607, 3785, 3901, 3975, 4022, 4050, 4068, 4079, 4085, 4089, 4092, 4093, 4094,
];

/// 4096 / (1 + e^(-d/256)), by interpolation: a probability (of 4096) from a stretched one.
fn squash(d: i32) -> i32 {
    if d > 2047 {
        return 4095;
    }
    if d < -2047 {
        return 1;
    }
    let weight = d & 127;
    let at = ((d >> 7) + 16) as usize;
    (SQUASH_POINTS[at] * (128 - weight) + SQUASH_POINTS[at + 1] * weight + 64) >> 7
}

/// The inverse of [`squash`]: ln(p / (1 - p)) × 256 for every p of 4096.
fn stretch_table() -> Vec<i16> {
    let mut table = vec![2047_i16; 4096];
    let mut next = 0;
    for d in -2047..=2047_i32 {
        let p = squash(d) as usize;
        for slot in table.iter_mut().take(p + 1).skip(next) {
            *slot = d as i16;
        }
        next = next.max(p + 1);
    }
    table
}

/// The bits of index of each hashed context table: about two slots for every bit of the
/// primer and the text (so few collide), from 2^14 to 2^18 slots (1 MB a table).
fn table_bits(length: usize) -> u32 {
    let bits = length.saturating_add(PRIMER.len()).saturating_mul(8);
    (usize::BITS - bits.leading_zeros() + 1).clamp(14, 18)
}

/// Contexts hashed from the last n bytes; then come the word being typed and the place in
/// the JSON (depth, position in the list and in the list holding it).
const ORDERS: [u32; 4] = [2, 3, 4, 6];
const HASHED: usize = ORDERS.len() + 2;
/// Order 0, order 1, the hashed contexts, the match model, then a bias.
const INPUTS: usize = 2 + HASHED + 1 + 1;
/// How many updates a counter averages over at most.
const COUNT_LIMIT: u32 = 30;
/// The match model looks up the text's last this many bytes.
const MATCH_MIN: usize = 4;

/// An adaptive probability: the top 22 bits are P(1) (of 2^22), the low 10 a count of
/// updates, so that a new context learns fast and an old one steadily.
#[derive(Clone, Copy)]
struct Counter(u32);

impl Counter {
    const NEW: Counter = Counter(1 << 31);

    fn p12(self) -> usize {
        (self.0 >> 20) as usize
    }

    fn update(&mut self, bit: u32, reciprocal: &[u32]) {
        let count = self.0 & 1023;
        let p = (self.0 >> 10) as i64;
        let target = if bit == 1 { (1 << 22) - 1 } else { 0 };
        let p = p + (((target - p) * i64::from(reciprocal[count as usize])) >> 16);
        self.0 = ((p as u32) << 10) | (count + 1).min(COUNT_LIMIT);
    }
}

/// Refines a probability in a small context by what followed similar predictions there.
struct Apm {
    table: Vec<u16>,
    at: usize,
}

impl Apm {
    fn new(contexts: usize) -> Apm {
        let row: Vec<u16> = (0..33)
            .map(|j| (squash((j - 16) * 128) * 16) as u16)
            .collect();
        Apm {
            table: row.repeat(contexts),
            at: 0,
        }
    }

    fn refine(&mut self, p: i32, context: usize, stretch: &[i16]) -> i32 {
        let s = stretch[p as usize] as i32 + 2048;
        let (low, weight) = ((s >> 7) as usize, s & 127);
        let base = context * 33 + low;
        self.at = base + (weight >> 6) as usize;
        (self.table[base] as i32 * (128 - weight) + self.table[base + 1] as i32 * weight) >> 11
    }

    fn update(&mut self, bit: u32) {
        let target = if bit == 1 { 65535 } else { 0 };
        let value = self.table[self.at] as i32;
        self.table[self.at] = (value + ((target - value) >> 6)) as u16;
    }
}

/// Predicts the text bit by bit; the encoder and the decoder hold one each.
struct Model {
    stretch: Vec<i16>,
    reciprocal: Vec<u32>,
    order0: Vec<Counter>,
    order1: Vec<Counter>,
    hashed: Vec<Vec<Counter>>,
    /// The bits of index of each table of `hashed` (see [`table_bits`]).
    bits: u32,
    /// The base index of each hashed context for this byte.
    bases: [u32; HASHED],
    /// The slot of every counter read for the bit being predicted.
    slots: [usize; 2 + HASHED],
    inputs: [i32; INPUTS],
    weights: Vec<i32>,
    apm_order0: Apm,
    apm_order1: Apm,
    /// The byte so far, after a leading 1 bit (1 at a byte's start).
    partial: u32,
    history: u64,
    word: u32,
    /// Every byte so far, for the match model.
    text: Vec<u8>,
    /// Where each hash of `MATCH_MIN` bytes was last followed, in `text`.
    match_table: Vec<u32>,
    /// The byte predicted next by the longest recent match, and the match's length.
    match_at: usize,
    match_len: u32,
    match_counters: Vec<Counter>,
    match_slot: Option<usize>,
    /// JSON place: inside a string, after a backslash, and the position in each open list.
    in_string: bool,
    escaped: bool,
    positions: Vec<u32>,
    /// The second weight set in use (by match length and JSON place), and each set's output.
    select: usize,
    outputs: [i32; 2],
    mixed: i32,
    p: i32,
}

impl Model {
    fn new(length: usize) -> Model {
        let bits = table_bits(length);
        let mut model = Model {
            stretch: stretch_table(),
            reciprocal: (0..=COUNT_LIMIT).map(|n| 131_072 / (2 * n + 3)).collect(),
            order0: vec![Counter::NEW; 256],
            order1: vec![Counter::NEW; 1 << 16],
            hashed: vec![vec![Counter::NEW; 1 << bits]; HASHED],
            bits,
            bases: [0; HASHED],
            slots: [0; 2 + HASHED],
            inputs: [0; INPUTS],
            weights: vec![19_660; (256 + 256) * INPUTS],
            apm_order0: Apm::new(256),
            // The last byte and the byte so far: 2^16 contexts, fewer for a short text.
            apm_order1: Apm::new(1 << (bits - 2)),
            partial: 1,
            history: 0,
            word: 0,
            text: Vec::new(),
            match_table: vec![0; 1 << 16],
            match_at: 0,
            match_len: 0,
            match_counters: vec![Counter::NEW; 64],
            match_slot: None,
            in_string: false,
            escaped: false,
            positions: Vec::new(),
            select: 0,
            outputs: [0; 2],
            mixed: 0,
            p: 2048,
        };
        model.begin_byte();
        model.predict();
        for byte in PRIMER.bytes() {
            for shift in (0..8).rev() {
                model.update(u32::from(byte >> shift) & 1);
            }
        }
        model
    }

    /// Follows `byte` through the JSON's strings and lists.
    fn track_json(&mut self, byte: u8) {
        if self.in_string {
            match (self.escaped, byte) {
                (true, _) => self.escaped = false,
                (false, b'\\') => self.escaped = true,
                (false, b'"') => self.in_string = false,
                _ => {}
            }
            return;
        }
        match byte {
            b'"' => self.in_string = true,
            b'[' | b'{' if self.positions.len() < 64 => self.positions.push(0),
            b']' | b'}' => {
                self.positions.pop();
            }
            b',' => {
                if let Some(position) = self.positions.last_mut() {
                    *position = position.saturating_add(1);
                }
            }
            _ => {}
        }
    }

    /// Finds the longest recent match for what follows `byte`.
    fn track_match(&mut self, byte: u8) {
        if self.match_len > 0 && self.text.get(self.match_at) == Some(&byte) {
            self.match_len += 1;
            self.match_at += 1;
        } else {
            self.match_len = 0;
        }
        self.text.push(byte);
        let end = self.text.len();
        if end < MATCH_MIN {
            return;
        }
        let hash = (self.text[end - MATCH_MIN..].iter())
            .fold(0_u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        let slot = (hash >> 16) as usize;
        if self.match_len == 0 {
            let candidate = self.match_table[slot] as usize;
            if candidate > 0 {
                let len = (1..=candidate.min(32))
                    .take_while(|&back| self.text[candidate - back] == self.text[end - back])
                    .count();
                if len > 0 {
                    self.match_at = candidate;
                    self.match_len = len as u32;
                }
            }
        }
        self.match_table[slot] = end as u32;
    }

    /// Hashes this byte's contexts from what came before it.
    fn begin_byte(&mut self) {
        for (base, order) in self.bases.iter_mut().zip(ORDERS) {
            let mask = u64::MAX >> (64 - 8 * order);
            let seed = 0x9E37_79B9_7F4A_7C15_u64.wrapping_mul(u64::from(order) * 2 + 1);
            *base = ((self.history & mask).wrapping_add(seed).wrapping_mul(seed) >> 32) as u32;
        }
        self.bases[ORDERS.len()] = self
            .word
            .wrapping_mul(0x2F0B_3C5D)
            .wrapping_add(0x6A09_E667);
        let depth = self.positions.len() as u32;
        let place = [1, 2].map(|up| {
            (depth.checked_sub(up)).map_or(u32::MAX, |at| self.positions[at as usize].min(255))
        });
        let json = (depth.min(15) << 20 | place[0] << 12 | place[1] << 4)
            ^ u32::from(self.in_string)
            ^ ((self.history & 0xFF) as u32) << 24;
        self.bases[ORDERS.len() + 1] = json.wrapping_mul(0x7FEB_352D).wrapping_add(0x3C6E_F372);
    }

    /// P(next bit is 1), of 4096.
    fn predict(&mut self) {
        let partial = self.partial as usize;
        let last = (self.history & 0xFF) as usize;
        self.slots[0] = partial;
        self.slots[1] = last << 8 | partial;
        for (slot, base) in self.slots[2..].iter_mut().zip(self.bases) {
            let spread = self.partial.wrapping_mul(0x9E37_79B1);
            *slot = (base.wrapping_add(spread) >> (32 - self.bits)) as usize;
        }
        let mut counters = [Counter::NEW; 2 + HASHED];
        counters[0] = self.order0[self.slots[0]];
        counters[1] = self.order1[self.slots[1]];
        for (i, table) in self.hashed.iter().enumerate() {
            counters[i + 2] = table[self.slots[i + 2]];
        }
        for (input, counter) in self.inputs.iter_mut().zip(counters) {
            *input = i32::from(self.stretch[counter.p12()]);
        }
        // The match model: the next bit of the byte that followed the match, while the
        // byte so far agrees with it.
        self.match_slot = None;
        self.inputs[2 + HASHED] = 0;
        if self.match_len > 0 {
            if let Some(&expected) = self.text.get(self.match_at) {
                let done = 31 - self.partial.leading_zeros();
                if (u32::from(expected) | 0x100) >> (8 - done) == self.partial {
                    let bit = (u32::from(expected) >> (7 - done)) & 1;
                    let slot = (self.match_len.min(31) * 2 + bit) as usize;
                    self.match_slot = Some(slot);
                    self.inputs[2 + HASHED] =
                        i32::from(self.stretch[self.match_counters[slot].p12()]);
                }
            }
        }
        self.inputs[INPUTS - 1] = 256;
        let depth = self.positions.len().min(7);
        let match_bucket = [0, 1, 1, 2, 2, 2, 2, 2][self.match_len.min(7) as usize]
            + usize::from(self.match_len > 15);
        self.select = 256 + (match_bucket * 16 + depth * 2 + usize::from(self.in_string)) % 256;
        for (k, set) in [partial, self.select].into_iter().enumerate() {
            let weights = &self.weights[set * INPUTS..][..INPUTS];
            let dot: i64 = (self.inputs.iter())
                .zip(weights)
                .map(|(&x, &w)| i64::from(x) * i64::from(w))
                .sum();
            self.outputs[k] = (dot >> 16).clamp(-2047, 2047) as i32;
        }
        self.mixed = squash((self.outputs[0] + self.outputs[1]) >> 1).clamp(1, 4095);
        let refined0 = self.apm_order0.refine(self.mixed, partial, &self.stretch);
        let refined1 = self.apm_order1.refine(
            self.mixed,
            (last << 8 | partial) & ((1 << (self.bits - 2)) - 1),
            &self.stretch,
        );
        self.p = ((self.mixed + refined0 + 2 * refined1 + 2) >> 2).clamp(1, 4095);
    }

    /// Learns `bit`, then predicts the next one.
    fn update(&mut self, bit: u32) {
        for (k, set) in [self.partial as usize, self.select].into_iter().enumerate() {
            let error = ((bit as i32) << 12) - squash(self.outputs[k]);
            let weights = &mut self.weights[set * INPUTS..][..INPUTS];
            for (w, &x) in weights.iter_mut().zip(&self.inputs) {
                *w += ((i64::from(x) * i64::from(error) * 41) >> 15) as i32;
            }
        }
        self.order0[self.slots[0]].update(bit, &self.reciprocal);
        self.order1[self.slots[1]].update(bit, &self.reciprocal);
        for (i, table) in self.hashed.iter_mut().enumerate() {
            table[self.slots[i + 2]].update(bit, &self.reciprocal);
        }
        if let Some(slot) = self.match_slot {
            self.match_counters[slot].update(bit, &self.reciprocal);
        }
        self.apm_order0.update(bit);
        self.apm_order1.update(bit);
        self.partial = self.partial << 1 | bit;
        if self.partial >= 256 {
            let byte = (self.partial & 0xFF) as u8;
            self.partial = 1;
            self.history = self.history << 8 | u64::from(byte);
            self.word = if byte.is_ascii_alphabetic() {
                (self.word ^ u32::from(byte.to_ascii_lowercase())).wrapping_mul(0x0100_0193)
            } else {
                0
            };
            self.track_json(byte);
            self.track_match(byte);
            self.begin_byte();
        }
        self.predict();
    }
}

/// FNV-1a of the text, folded to 16 bits.
fn check(text: &[u8]) -> u16 {
    let hash = (text.iter()).fold(0x811C_9DC5_u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    (hash >> 16) as u16 ^ hash as u16
}

/// The stream for `text` (see the module doc).
pub fn compress(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 3 + 8);
    let mut length = text.len();
    while length >= 0x80 {
        out.push((length & 0x7F) as u8 | 0x80);
        length >>= 7;
    }
    out.push(length as u8);
    out.extend(check(text).to_le_bytes());
    let header = out.len();
    let mut model = Model::new(text.len());
    let (mut low, mut high) = (0_u32, u32::MAX);
    for &byte in text {
        for shift in (0..8).rev() {
            let bit = u32::from(byte >> shift) & 1;
            let mid = low + ((u64::from(high - low) * model.p as u64) >> 12) as u32;
            if bit == 1 {
                high = mid;
            } else {
                low = mid + 1;
            }
            while (low ^ high) & 0xFF00_0000 == 0 {
                out.push((high >> 24) as u8);
                low <<= 8;
                high = high << 8 | 0xFF;
            }
            model.update(bit);
        }
    }
    // Any value in [low, high] ends the stream; the decoder pads with zeros, and the top
    // bytes of `low` and `high` differ, so one byte above `low`'s top byte is enough.
    if low & 0x00FF_FFFF != 0 {
        out.push((low >> 24) as u8 + 1);
    } else {
        out.push((low >> 24) as u8);
    }
    while out.len() > header && out.last() == Some(&0) {
        out.pop();
    }
    out
}

/// Why a stream could not be decompressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MixError {
    /// The stream ends inside its length.
    Cut,
    /// The length is over the caller's limit.
    TooLarge,
    /// The length is more than the stream could hold, or what was decoded does not match
    /// the stream's check: cut short or garbled.
    Damaged,
}

/// The text of a stream [`compress`] wrote, if it is no longer than `limit` bytes.
pub fn decompress(stream: &[u8], limit: usize) -> Result<Vec<u8>, MixError> {
    let mut length = 0_usize;
    let mut read = 0;
    loop {
        let byte = *stream.get(read).ok_or(MixError::Cut)?;
        if read >= 4 {
            return Err(MixError::TooLarge);
        }
        length |= usize::from(byte & 0x7F) << (7 * read);
        read += 1;
        if byte & 0x80 == 0 {
            break;
        }
    }
    let expected = match stream.get(read..read + 2) {
        Some(&[low, high]) => u16::from_le_bytes([low, high]),
        _ => return Err(MixError::Cut),
    };
    let body = &stream[read + 2..];
    if length > limit {
        return Err(MixError::TooLarge);
    }
    if length > body.len().max(16).saturating_mul(MAX_RATIO) {
        return Err(MixError::Damaged);
    }
    let mut next = body.iter().copied().chain(std::iter::repeat(0));
    let mut x = 0_u32;
    for _ in 0..4 {
        x = x << 8 | u32::from(next.next().unwrap_or(0));
    }
    let mut model = Model::new(length);
    let (mut low, mut high) = (0_u32, u32::MAX);
    let mut out = Vec::with_capacity(length);
    for _ in 0..length {
        let mut byte = 0_u8;
        for _ in 0..8 {
            let mid = low + ((u64::from(high - low) * model.p as u64) >> 12) as u32;
            let bit = u32::from(x <= mid);
            if bit == 1 {
                high = mid;
            } else {
                low = mid + 1;
            }
            while (low ^ high) & 0xFF00_0000 == 0 {
                low <<= 8;
                high = high << 8 | 0xFF;
                x = x << 8 | u32::from(next.next().unwrap_or(0));
            }
            model.update(bit);
            byte = byte << 1 | bit as u8;
        }
        out.push(byte);
    }
    if check(&out) != expected {
        return Err(MixError::Damaged);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_and_stretch_are_inverse_and_monotonic() {
        let stretch = stretch_table();
        assert_eq!(squash(0), 2047);
        assert!((-2047..2047).all(|d| squash(d) <= squash(d + 1)));
        for (p, &s) in stretch.iter().enumerate().take(4095).skip(1) {
            let back = squash(i32::from(s));
            assert!(
                (back - p as i32).abs() <= 1 + p as i32 / 40,
                "p {p} back {back}"
            );
        }
    }

    #[test]
    fn texts_round_trip() {
        for text in [
            &b""[..],
            b"a",
            b"\0\0\0\0",
            b"\xFF\xFF\xFF",
            b"the critical path runs through the vendor's API",
            &[7_u8; 5000][..],
            &[0_u8; 100_000][..],
        ] {
            let stream = compress(text);
            assert_eq!(decompress(&stream, 1 << 20).unwrap(), text);
        }
    }

    #[test]
    fn a_length_beyond_the_limit_or_the_stream_is_refused() {
        let stream = compress(&[b'x'; 1000]);
        assert_eq!(decompress(&stream, 999), Err(MixError::TooLarge));
        assert_eq!(
            decompress(&[0xFF, 0xFF, 0x7F, 0, 0], usize::MAX),
            Err(MixError::Damaged)
        );
        assert_eq!(decompress(&[0x80], usize::MAX), Err(MixError::Cut));
        assert_eq!(decompress(&[0x01, 0x00], usize::MAX), Err(MixError::Cut));
        assert_eq!(decompress(&[], usize::MAX), Err(MixError::Cut));
        assert_eq!(decompress(&[0xFF; 9], usize::MAX), Err(MixError::TooLarge));
    }

    #[test]
    fn a_stream_cut_short_or_garbled_is_damaged() {
        let text = b"[1,\"throughline/2\",\"Data centre exit\",20703,130,74]".repeat(5);
        let stream = compress(&text);
        for cut in 4..stream.len() {
            assert_eq!(
                decompress(&stream[..cut], 1 << 20),
                Err(MixError::Damaged),
                "{cut}"
            );
        }
        let mut garbled = stream.clone();
        garbled[stream.len() / 2] ^= 0x10;
        assert_eq!(decompress(&garbled, 1 << 20), Err(MixError::Damaged));
    }
}
