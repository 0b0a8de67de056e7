//! One seedable stream of draws for the engine's searches and generators (the levelling
//! search, the measurement programs): SplitMix64 over the forecast's own mixing function,
//! so the same seed gives the same draws on every platform.

use super::forecast::draws::{mix, GAMMA};

/// SplitMix64, seeded with its field.
pub struct Draw(pub u64);

impl Draw {
    /// The next 64 random bits.
    pub fn bits(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GAMMA);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.bits() % n as u64) as usize
    }

    /// Uniform in `low..=high` (`low <= high`).
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        low + (self.bits() % (high - low + 1) as u64) as i64
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.bits() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.bits() % 100 < percent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_is_splitmix64() {
        // SplitMix64's published first output for seed 0.
        assert_eq!(Draw(0).bits(), 0xE220_A839_7B1D_CDAF);
        let mut draw = Draw(7);
        for _ in 0..1000 {
            assert!((3..=5).contains(&draw.between(3, 5)));
            assert!(draw.below(4) < 4);
            assert!((0.0..1.0).contains(&draw.unit()));
        }
    }
}
