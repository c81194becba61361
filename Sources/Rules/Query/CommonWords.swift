/// Frequent English words and frequent words of news writing. The presearcher weighs terms
/// without corpus statistics; a rule is better indexed under its name or rare word than
/// under "police" or "government", which appear in most news stories (Lucene Monitor's
/// term weighting does the same with a list of known-frequent terms).
enum CommonWords {
    static let all: Set<String> = Set("""
    a about above after again against all also an and another any are around as at back be
    because been before being between both but by can could did do does down during each
    even every few first for from further get had has have having he her here him his how
    i if in into is it its just last like made make many may me more most much must my
    new no nor not now of off on once one only or other our out over own people said same
    say says she should since so some still such than that the their them then there these
    they this those through time to too two under until up us very was way we well were
    what when where which while who whom why will with would year years you your
    according added agency against announced army attack attacks billion board border
    called campaign capital central chief city civilians company conference country court
    day days deal dead death deaths defense director during early economic economy election
    elections emergency expected family federal fire following force forces foreign former
    government group health home hospital house including international killed largest later
    law leader leaders least local major market media meeting military million minister
    ministry month months national news next office officer officials opposition part party
    percent police political power president press prime public region report reported
    reports security service several showed since spokesman state statement states strike
    support talks three told top town troops under union united week weeks world
    against area areas around began building children city continue continued control
    crisis data decision development efforts end hit issue issues life likely long lost
    members money need number offer open order past plan plans point process program
    question rate recent right role run second set show side small social start started
    system take team three use used war water women work workers
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
