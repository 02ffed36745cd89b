//! When typing has paused: every keystroke restarts the pause, but not
//! the browser's timer. A timer per key (a JS closure made, a
//! `setTimeout` and a `clearTimeout`) cost 0.46 ms of each keystroke's
//! 6.5 ms of script at 4× CPU (a CDP profile of 200 keys on the phone);
//! so one timer runs, and when it fires before the last key's pause is
//! over it sleeps again for what is left. While a visitor types steadily
//! that is one timer per [`SETTLE_MS`], not one per key.

/// How long typing must pause before the result count is announced and the
/// `search` event is sent.
pub const SETTLE_MS: u32 = 600;

/// The pause's deadline and whether a timer runs for it. Times are
/// milliseconds since the epoch, as the widget's other clocks count them
/// (`now_ms` in the DOM layer).
#[derive(Debug, Default)]
pub struct Pause {
    /// When typing counts as paused; `None`: no pause is awaited.
    deadline: Option<i64>,
    /// A timer runs and will call [`Pause::fired`].
    armed: bool,
}

/// What a timer that fired should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fired {
    /// Typing has paused: send the pause message.
    Paused,
    /// A key came since the timer was set: sleep this many ms more.
    Wait(u32),
    /// Nothing is awaited (nothing to do).
    Idle,
}

impl Pause {
    /// A keystroke at `now`: the pause ends [`SETTLE_MS`] later. Returns
    /// the ms to set a timer for, or `None` when one runs already.
    pub fn restart(&mut self, now: i64) -> Option<u32> {
        self.deadline = Some(now + i64::from(SETTLE_MS));
        if self.armed {
            return None;
        }
        self.armed = true;
        Some(SETTLE_MS)
    }

    /// The timer fired at `now`. When it says [`Fired::Wait`], a new
    /// timer must be set for that long.
    pub fn fired(&mut self, now: i64) -> Fired {
        let Some(deadline) = self.deadline else {
            self.armed = false;
            return Fired::Idle;
        };
        if now >= deadline {
            self.deadline = None;
            self.armed = false;
            return Fired::Paused;
        }
        // At least 1 ms (the deadline is later than `now`), at most SETTLE_MS.
        Fired::Wait((deadline - now) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_key_sets_a_timer_and_the_keys_after_it_do_not() {
        let mut p = Pause::default();
        assert_eq!(p.restart(0), Some(SETTLE_MS));
        assert_eq!(p.restart(80), None);
        assert_eq!(p.restart(160), None);
    }

    #[test]
    fn a_timer_that_fires_before_the_last_keys_pause_is_over_sleeps_for_the_rest() {
        let mut p = Pause::default();
        p.restart(0);
        p.restart(80);
        p.restart(161);
        assert_eq!(p.fired(600), Fired::Wait(161));
        assert_eq!(p.fired(760), Fired::Wait(1), "never a timer of 0 ms");
        assert_eq!(p.fired(761), Fired::Paused);
    }

    #[test]
    fn the_pause_is_sent_once_and_the_next_key_sets_a_timer_again() {
        let mut p = Pause::default();
        p.restart(0);
        assert_eq!(p.fired(600), Fired::Paused);
        assert_eq!(p.fired(700), Fired::Idle, "no second pause");
        assert_eq!(p.restart(1000), Some(SETTLE_MS));
        assert_eq!(p.fired(1600), Fired::Paused);
    }

    #[test]
    fn a_pause_is_the_same_instant_as_with_a_timer_per_key() {
        // Keys at uneven gaps: the pause comes SETTLE_MS after the last one.
        let keys = [0, 90, 400, 950, 1010];
        let mut p = Pause::default();
        let mut timer = None;
        let mut at = 0;
        let mut paused = None;
        let mut next_key = 0;
        while paused.is_none() {
            let key_at = keys.get(next_key).copied().unwrap_or(i64::MAX);
            let timer_at = timer.unwrap_or(i64::MAX);
            assert!(key_at.min(timer_at) < i64::MAX, "a timer runs after a key");
            if key_at <= timer_at {
                at = key_at;
                if let Some(ms) = p.restart(at) {
                    timer = Some(at + i64::from(ms));
                }
                next_key += 1;
            } else {
                at = timer_at;
                timer = None;
                match p.fired(at) {
                    Fired::Paused => paused = Some(at),
                    Fired::Wait(ms) => timer = Some(at + i64::from(ms)),
                    Fired::Idle => panic!("a pause is awaited"),
                }
            }
        }
        assert_eq!(paused, Some(1010 + i64::from(SETTLE_MS)), "at {at}");
    }
}
