import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGWINCH (a resized terminal; RawTerminal also raises it after Ctrl-Z and `fg`) as a byte
/// written to `descriptor`, for a loop that polls it beside the keyboard. The signal source
/// is registered before this returns: a resize right after the first frame is not lost.
final class ResizeSignal {
    private let source: DispatchSourceSignal

    init(writingTo descriptor: Int32) {
        signal(SIGWINCH, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        source.setEventHandler { var byte: UInt8 = 0x77; _ = write(descriptor, &byte, 1) }
        let registered = DispatchSemaphore(value: 0)
        source.setRegistrationHandler { registered.signal() }
        source.resume()
        _ = registered.wait(timeout: .now() + 2)
    }

    deinit { source.cancel() }
}
