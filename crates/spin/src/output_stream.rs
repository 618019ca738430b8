//! Writing bytes to a wasi:io output stream in as few `write` calls as the
//! host permits: each as wide as `check-write` allows, one flush at the end.
//!
//! Why few: a host may send each `write` as its own piece on the socket, and
//! one that leaves Nagle's algorithm on (`spin up`: docs/spin-nodelay.md)
//! holds a second piece back until the client acknowledges the first, which
//! a client delays on a kept-alive connection. A loop of
//! `blocking-write-and-flush`, which takes at most 4,096 bytes a call, is
//! such a series of pieces for any larger body.
//!
//! A body that fits one `blocking-write-and-flush` still goes in that one
//! call, the fewest calls into the host (docs/decisions.md says what that
//! buys).
//!
//! [`write_all`] is generic over [`OutputStream`] so that its tests run
//! natively against a host double that counts the calls
//! (crates/spin/tests/output_stream.rs includes this file).

/// The most bytes one wasi:io `blocking-write-and-flush` takes.
pub(crate) const BLOCKING_WRITE_BYTES: usize = 4096;

/// The calls of a wasi:io `output-stream` that [`write_all`] makes.
pub(crate) trait OutputStream {
    type Error;
    /// Writes at most [`BLOCKING_WRITE_BYTES`] and flushes them, blocking
    /// until both are done.
    fn blocking_write_and_flush(&self, bytes: &[u8]) -> Result<(), Self::Error>;
    /// The most bytes the next `write` may take; 0 while the host's buffer
    /// is full.
    fn check_write(&self) -> Result<u64, Self::Error>;
    /// Takes at most what `check_write` permitted (more traps the instance).
    fn write(&self, bytes: &[u8]) -> Result<(), Self::Error>;
    /// Blocks until what was written is flushed and the stream is ready for
    /// writing again.
    fn blocking_flush(&self) -> Result<(), Self::Error>;
}

#[cfg(target_os = "wasi")]
impl OutputStream for wasi::io::streams::OutputStream {
    type Error = wasi::io::streams::StreamError;

    fn blocking_write_and_flush(&self, bytes: &[u8]) -> Result<(), Self::Error> {
        wasi::io::streams::OutputStream::blocking_write_and_flush(self, bytes)
    }

    fn check_write(&self) -> Result<u64, Self::Error> {
        wasi::io::streams::OutputStream::check_write(self)
    }

    fn write(&self, bytes: &[u8]) -> Result<(), Self::Error> {
        wasi::io::streams::OutputStream::write(self, bytes)
    }

    fn blocking_flush(&self) -> Result<(), Self::Error> {
        wasi::io::streams::OutputStream::blocking_flush(self)
    }
}

/// Writes all of `bytes` to `stream`: in one `blocking-write-and-flush` if
/// they fit one, else each `write` as wide as the host permits, then one
/// flush. When the host permits nothing, the flush waits until it does
/// (rather than wasi:io's pollable, which would be three more imports for
/// every host to wire). Nothing for empty `bytes`.
///
/// On an error, the bytes the stream took before it and the error.
pub(crate) fn write_all<S: OutputStream>(
    stream: &S,
    bytes: &[u8],
) -> Result<(), (usize, S::Error)> {
    if bytes.is_empty() {
        return Ok(());
    }
    if bytes.len() <= BLOCKING_WRITE_BYTES {
        return stream.blocking_write_and_flush(bytes).map_err(|e| (0, e));
    }
    let mut written = 0;
    while written < bytes.len() {
        let permit = stream.check_write().map_err(|e| (written, e))?;
        if permit == 0 {
            stream.blocking_flush().map_err(|e| (written, e))?;
            continue;
        }
        let end = bytes
            .len()
            .min(written.saturating_add(usize::try_from(permit).unwrap_or(usize::MAX)));
        stream
            .write(&bytes[written..end])
            .map_err(|e| (written, e))?;
        written = end;
    }
    stream.blocking_flush().map_err(|e| (written, e))
}

#[cfg(test)]
mod tests {
    use std::cell::{Cell, RefCell};

    use super::{OutputStream, write_all};

    /// A host double: it permits `permit` bytes while its buffer of
    /// `buffer` bytes has room (a flush empties it), records each call, and
    /// fails every call once `fail_after` bytes were taken.
    struct Host {
        permit: u64,
        buffer: usize,
        fail_after: usize,
        buffered: Cell<usize>,
        taken: RefCell<Vec<u8>>,
        calls: RefCell<Vec<Call>>,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum Call {
        BlockingWriteAndFlush(usize),
        CheckWrite(u64),
        Write(usize),
        Flush,
    }
    use Call::{BlockingWriteAndFlush, CheckWrite, Flush, Write};

    #[derive(Debug, PartialEq, Eq)]
    struct Closed;

    impl Host {
        fn new(permit: u64, buffer: usize) -> Host {
            Host {
                permit,
                buffer,
                fail_after: usize::MAX,
                buffered: Cell::new(0),
                taken: RefCell::new(Vec::new()),
                calls: RefCell::new(Vec::new()),
            }
        }

        fn failing_after(self, bytes: usize) -> Host {
            Host {
                fail_after: bytes,
                ..self
            }
        }

        fn failed(&self) -> bool {
            self.taken.borrow().len() >= self.fail_after
        }
    }

    impl OutputStream for Host {
        type Error = Closed;

        fn blocking_write_and_flush(&self, bytes: &[u8]) -> Result<(), Closed> {
            assert!(
                bytes.len() <= super::BLOCKING_WRITE_BYTES,
                "blocking-write-and-flush of {} bytes: a host traps",
                bytes.len()
            );
            if self.failed() {
                return Err(Closed);
            }
            self.calls
                .borrow_mut()
                .push(BlockingWriteAndFlush(bytes.len()));
            self.taken.borrow_mut().extend_from_slice(bytes);
            Ok(())
        }

        fn check_write(&self) -> Result<u64, Closed> {
            if self.failed() {
                return Err(Closed);
            }
            let room = (self.buffer - self.buffered.get()) as u64;
            let permit = self.permit.min(room);
            self.calls.borrow_mut().push(CheckWrite(permit));
            Ok(permit)
        }

        fn write(&self, bytes: &[u8]) -> Result<(), Closed> {
            let permitted = match self.calls.borrow().last() {
                Some(CheckWrite(permit)) => *permit,
                _ => 0,
            };
            assert!(
                bytes.len() as u64 <= permitted,
                "wrote {} bytes on a permit of {permitted}: a host traps",
                bytes.len()
            );
            if self.failed() {
                return Err(Closed);
            }
            self.calls.borrow_mut().push(Write(bytes.len()));
            self.buffered.set(self.buffered.get() + bytes.len());
            self.taken.borrow_mut().extend_from_slice(bytes);
            Ok(())
        }

        fn blocking_flush(&self) -> Result<(), Closed> {
            if self.failed() {
                return Err(Closed);
            }
            self.calls.borrow_mut().push(Flush);
            self.buffered.set(0);
            Ok(())
        }
    }

    const MIB: u64 = 1024 * 1024;

    /// A body that fits one `blocking-write-and-flush` goes in that one
    /// call: the fewest calls into the host.
    #[test]
    fn a_body_of_up_to_4_kib_is_one_blocking_write_and_flush() {
        for len in [1, 61, 4096] {
            let host = Host::new(MIB, MIB as usize);
            let body: Vec<u8> = (0..len).map(|i| i as u8).collect();
            assert_eq!(write_all(&host, &body), Ok(()), "{len} bytes");
            assert_eq!(
                *host.calls.borrow(),
                [BlockingWriteAndFlush(len)],
                "{len} bytes"
            );
            assert_eq!(*host.taken.borrow(), body, "{len} bytes");
        }
    }

    /// Every larger answer the component sends, up to the largest (a batch
    /// of 1,000 answers with every field, ~170 KB), leaves in one `write`
    /// and one flush on a host that permits 1 MiB, as `spin up` and
    /// `wasmtime serve` do; so do larger bodies up to the permit. Never in
    /// 4 KiB pieces, which stall under `spin up`.
    #[test]
    fn a_larger_body_within_the_permit_is_one_write_and_one_flush() {
        for len in [
            4097,
            8 * 1024 + 1,
            12 * 1024,
            60 * 1024,
            190_000,
            MIB as usize,
        ] {
            let host = Host::new(MIB, MIB as usize);
            let body: Vec<u8> = (0..len).map(|i| i as u8).collect();
            assert_eq!(write_all(&host, &body), Ok(()), "{len} bytes");
            assert_eq!(
                *host.calls.borrow(),
                [CheckWrite(MIB), Write(len), Flush],
                "{len} bytes"
            );
            assert_eq!(*host.taken.borrow(), body, "{len} bytes");
        }
    }

    #[test]
    fn an_empty_body_calls_nothing() {
        let host = Host::new(MIB, MIB as usize);
        assert_eq!(write_all(&host, b""), Ok(()));
        assert_eq!(*host.calls.borrow(), []);
    }

    /// A body over the permit goes in as few writes as the permits allow,
    /// each as wide as its permit, every byte once and in order; a full
    /// buffer (permit 0) is waited out with a flush.
    #[test]
    fn a_body_over_the_permit_takes_one_write_per_permit() {
        // (permit, buffer, body length, the calls)
        #[rustfmt::skip]
        let cases: &[(u64, usize, usize, &[Call])] = &[
            (4096, 1 << 20, 10_000, &[CheckWrite(4096), Write(4096), CheckWrite(4096), Write(4096), CheckWrite(4096), Write(1808), Flush]),
            (MIB, MIB as usize, MIB as usize + 1, &[CheckWrite(MIB), Write(MIB as usize), CheckWrite(0), Flush, CheckWrite(MIB), Write(1), Flush]),
            (1000, 1500, 5000, &[
                CheckWrite(1000), Write(1000), CheckWrite(500), Write(500), CheckWrite(0), Flush,
                CheckWrite(1000), Write(1000), CheckWrite(500), Write(500), CheckWrite(0), Flush,
                CheckWrite(1000), Write(1000), CheckWrite(500), Write(500), CheckWrite(0), Flush,
                CheckWrite(1000), Write(500), Flush,
            ]),
        ];
        for &(permit, buffer, len, calls) in cases {
            let host = Host::new(permit, buffer);
            let body: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            assert_eq!(
                write_all(&host, &body),
                Ok(()),
                "permit {permit}, {len} bytes"
            );
            assert_eq!(*host.calls.borrow(), calls, "permit {permit}, {len} bytes");
            assert_eq!(*host.taken.borrow(), body, "permit {permit}, {len} bytes");
        }
    }

    /// A stream that fails (the client went away) stops the writing at
    /// once, with the count of the bytes it took before.
    #[test]
    fn a_failing_stream_stops_the_writing_with_what_it_took() {
        let host = Host::new(100, 10_000).failing_after(200);
        assert_eq!(write_all(&host, &[7; 5000]), Err((200, Closed)));
        assert_eq!(host.taken.borrow().len(), 200);
        let host = Host::new(100, 10_000).failing_after(0);
        assert_eq!(write_all(&host, &[7; 5000]), Err((0, Closed)));
        let host = Host::new(100, 10_000).failing_after(0);
        assert_eq!(write_all(&host, &[7; 10]), Err((0, Closed)));
    }
}
