pub fn sniff(_t: &str) -> bool { false }
pub fn parse(_t: &str, _p: &std::path::Path, _o: &super::common::ImportOptions) -> Result<crate::model::Document, super::LoadError> { Ok(crate::model::Document::default()) }
