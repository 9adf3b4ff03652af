/*
 * core.p4 — the P4-16 core library for the Themis front end.
 *
 * Written for this project from the P4-16 language specification (section "P4 core library");
 * declarations have the names, parameter lists and members the specification and p4c's own
 * core.p4 use, so a program that compiles here compiles unchanged with p4c.
 */

#ifndef _CORE_P4_
#define _CORE_P4_

/* Errors every target understands; programs add their own with further `error { ... }`. */
error {
    NoError,              // no error
    PacketTooShort,       // not enough bits in the packet for extract
    NoMatch,              // select expression has no matching case
    StackOutOfBounds,     // reference to an invalid header stack element
    HeaderTooShort,       // extract of a varbit field larger than the header allows
    ParserTimeout,        // the parser ran too long
    ParserInvalidArgument // a parser operation got an invalid argument (e.g. negative advance)
}

/* The packet being parsed. */
extern packet_in {
    /* Reads a fixed-size header and makes it valid. */
    void extract<T>(out T hdr);
    /* Reads a header whose single varbit field is variableFieldSizeInBits long. */
    void extract<T>(out T variableSizeHeader, in bit<32> variableFieldSizeInBits);
    /* Looks at the next bits without consuming them. */
    T lookahead<T>();
    /* Skips sizeInBits bits. */
    void advance(in bit<32> sizeInBits);
    /* Length of the whole packet in bytes (not supported by every target). */
    bit<32> length();
}

/* The packet being built by a deparser. */
extern packet_out {
    /* Appends hdr (if it is a valid header, or each valid header of a struct/stack/union). */
    void emit<T>(in T hdr);
}

/* In a parser: when check is false, stop parsing and go to reject with toSignal. */
extern void verify(in bool check, in error toSignal);

/* An action that does nothing; the usual default action of a table. */
@noWarn("unused")
action NoAction() {}

/* Match kinds every architecture supports. */
match_kind {
    exact,   // the key must be equal to the entry's value
    ternary, // the key must equal the entry's value in every bit set in the entry's mask
    lpm      // longest prefix match
}

/* Compile-time assertions (evaluated by the front end). */
extern bool static_assert(bool check, string message);
extern bool static_assert(bool check);

#endif /* _CORE_P4_ */
