//! The clock, isolated at the edge: the only code that asks what time it is.

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
impl crate::Timestamp {
    /// The current time from the system clock, truncated to milliseconds.
    ///
    /// Not on `wasm32-unknown-unknown`, which has no system clock: the JS
    /// bindings read `Date.now()` instead.
    pub fn now() -> crate::Timestamp {
        use std::time::{SystemTime, UNIX_EPOCH};
        let ms = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
            // Truncate toward zero, as JavaScript's clock does.
            Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
        };
        crate::Timestamp::from_unix_ms(ms).unwrap_or(crate::Timestamp::MAX)
    }
}
