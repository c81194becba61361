/// The single place stories get their `fingerprint`: SimHash of the title and text (the
/// summary when there is no text), as the store's dedup expects.
func storyFingerprint(title: String, text: String) -> UInt64 {
    SimHash.fingerprint(title: title, text: text)
}
