//! The UCDP Georeferenced Event Dataset's `type_of_violence` codes, read as
//! the names the UCDP codebook gives them, so that a lane says what the
//! number means.

/// UCDP's `type_of_violence` codes.
pub(super) fn violence_name(code: &str) -> &str {
    match code {
        "1" => "state-based conflict",
        "2" => "non-state conflict",
        "3" => "one-sided violence",
        other => other,
    }
}
