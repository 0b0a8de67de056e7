//! merge placeholder
