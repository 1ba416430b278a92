//! Which of this vendor's fields hold secrets: `secrets.ron` beside this file, on top of the
//! neutral list.

use std::sync::OnceLock;

use crate::base::secrets::SecretNames;
use crate::model::Value;

/// This vendor's secret field names.
pub fn names() -> &'static SecretNames {
    static NAMES: OnceLock<SecretNames> = OnceLock::new();
    crate::base::secrets::vendor_list(&NAMES, include_str!("secrets.ron"))
}

/// A text value of a field: a secret when the field's name says so.
pub fn value(name: &str, text: String) -> Value {
    crate::model::named_text(names(), name, text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_list_reads_and_matches() {
        assert!(super::names().matches("ldap_password"));
        assert!(!super::names().matches("destination"));
    }
}
