package io.inkan.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The smallest well-formed 64-bit PE image: DOS header, PE32+ headers with all 16 data directories, and
 * one {@code .text} section holding {@code ret}. Enough for Authenticode signers and verifiers, which
 * parse headers and sections but never run the code; built here so tests need no cross-compiler.
 */
final class TinyPe {

    private static final int FILE_ALIGNMENT = 0x200;
    private static final int SECTION_ALIGNMENT = 0x1000;

    private TinyPe() {
    }

    /** {@code subsystem}: 3 for a console program, 10 for an EFI application. */
    static byte[] image(int subsystem) {
        ByteBuffer pe = ByteBuffer.allocate(2 * FILE_ALIGNMENT).order(ByteOrder.LITTLE_ENDIAN);
        pe.putShort(0, (short) 0x5a4d);              // "MZ"
        pe.putInt(0x3c, 0x40);                        // e_lfanew
        pe.position(0x40);
        pe.putInt(0x00004550);                        // "PE\0\0"
        pe.putShort((short) 0x8664);                  // machine: x86-64
        pe.putShort((short) 1);                       // sections
        pe.putInt(0).putInt(0).putInt(0);             // time stamp, symbol table, symbols
        pe.putShort((short) 240);                     // size of the PE32+ optional header
        pe.putShort((short) 0x22);                    // executable, large address aware
        pe.putShort((short) 0x20b);                   // PE32+
        pe.put((byte) 14).put((byte) 0);              // linker version
        pe.putInt(FILE_ALIGNMENT).putInt(0).putInt(0); // code, initialised, uninitialised sizes
        pe.putInt(SECTION_ALIGNMENT);                 // entry point
        pe.putInt(SECTION_ALIGNMENT);                 // base of code
        pe.putLong(0x140000000L);                     // image base
        pe.putInt(SECTION_ALIGNMENT).putInt(FILE_ALIGNMENT);
        pe.putShort((short) 6).putShort((short) 0);   // OS version
        pe.putShort((short) 0).putShort((short) 0);   // image version
        pe.putShort((short) 6).putShort((short) 0);   // subsystem version
        pe.putInt(0);                                 // Win32 version value
        pe.putInt(2 * SECTION_ALIGNMENT);             // size of image
        pe.putInt(FILE_ALIGNMENT);                    // size of headers
        pe.putInt(0);                                 // checksum
        pe.putShort((short) subsystem);
        pe.putShort((short) 0x8160);                  // DLL characteristics: NX, dynamic base, high entropy VA, TS aware
        pe.putLong(0x100000).putLong(0x1000).putLong(0x100000).putLong(0x1000); // stack and heap
        pe.putInt(0);                                 // loader flags
        pe.putInt(16);                                // data directories, all empty
        pe.position(pe.position() + 16 * 8);
        pe.put(".text\0\0\0".getBytes(StandardCharsets.US_ASCII));
        pe.putInt(1).putInt(SECTION_ALIGNMENT);       // virtual size and address
        pe.putInt(FILE_ALIGNMENT).putInt(FILE_ALIGNMENT); // raw size and offset
        pe.putInt(0).putInt(0).putShort((short) 0).putShort((short) 0);
        pe.putInt(0x60000020);                        // code, execute, read
        pe.put(FILE_ALIGNMENT, (byte) 0xc3);          // ret
        return pe.array();
    }
}
