'use strict';
// dcmjs-dimse as a DICOM peer of the node's tests: an independent upper layer (JavaScript) with its own
// reading of PDU lengths, presentation contexts and release.
//
//   node peer.js send <host> <port> <calledAE> <callingAE> <files...>
//     one association: C-ECHO, then a C-STORE per file; one JSON line for the association, one for the
//     echo and one per file, then one for the end; exits 0 only if every answer was Success and the
//     association was released
//   node peer.js receive <port> <aeTitle> <outDir> [maxPduLength]
//     a Storage SCP on 127.0.0.1 (port 0: a free one, printed) writing each object as a Part 10 file
//     named after its SOP Instance UID, the data set as it arrived (never parsed and re-encoded); one JSON
//     line per event
//
// Every line for the tests is JSON on standard output; the library's own log goes to standard error.

const fs = require('fs');
const net = require('net');
const path = require('path');
const dimse = require('dcmjs-dimse');

const { Client, Scp, Dataset, Implementation } = dimse;
const { CEchoRequest, CStoreRequest } = dimse.requests;
const { CEchoResponse, CStoreResponse } = dimse.responses;
const { Writable } = require('stream');
const {
  Status, PresentationContextResult, RejectReason, RejectResult, RejectSource, SopClass, StorageClass, TransferSyntax,
} = dimse.constants;

const STORAGE_ROOT = '1.2.840.10008.5.1.4.1.1.';
const ACCEPTED_SYNTAXES = [
  TransferSyntax.ExplicitVRLittleEndian,
  TransferSyntax.ImplicitVRLittleEndian,
  TransferSyntax.ExplicitVRBigEndian,
  TransferSyntax.DeflatedExplicitVRLittleEndian,
  TransferSyntax.RleLossless,
  TransferSyntax.JpegBaseline,
  '1.2.840.10008.1.2.4.51', // JPEG extended (process 2 & 4)
  '1.2.840.10008.1.2.4.57', // JPEG lossless (process 14)
  TransferSyntax.JpegLossless,
  TransferSyntax.JpegLsLossless,
  TransferSyntax.JpegLsLossy,
  TransferSyntax.Jpeg2000Lossless,
  TransferSyntax.Jpeg2000Lossy,
];
const SEND_TIMEOUT_MS = 60000;

dimse.log.setLevel('warn');
// loglevel writes warnings and errors through console.warn/console.error: both go to standard error
console.info = console.error;
console.log = console.error;
const out = (object) => process.stdout.write(JSON.stringify(object) + '\n');

function hex(status) {
  return status === undefined || status === null ? null : status.toString(16).toUpperCase().padStart(4, '0');
}

// the library keeps only the accepted syntax of a context once it is answered: proposals are noted before
function contextsOf(association, proposed) {
  return association.getPresentationContexts().map((pc) => {
    const context = association.getPresentationContext(pc.id);
    return {
      id: context.getPresentationContextId(),
      abstractSyntax: context.getAbstractSyntaxUid(),
      ...(proposed ? { proposed: proposed.get(pc.id) } : {}),
      result: context.getResult(),
      accepted: context.getResult() === PresentationContextResult.Accept ? context.getAcceptedTransferSyntaxUid() : null,
    };
  });
}

// ---- send ----------------------------------------------------------------------------------------------

function send(host, port, calledAe, callingAe, files) {
  const client = new Client();
  const echo = new CEchoRequest();
  let echoStatus = null;
  echo.on('response', (response) => {
    echoStatus = response.getStatus();
  });
  client.addRequest(echo);

  const objects = files.map((file) => {
    // reads the file up to SOP Instance UID; the library loads the rest when it sends it
    const request = new CStoreRequest(file);
    const object = {
      file,
      sopClassUid: request.getAffectedSopClassUid(),
      sopInstanceUid: request.getAffectedSopInstanceUid(),
      fileTransferSyntax: request.getDataset().getTransferSyntaxUid(),
      transferSyntax: null,
      status: null,
    };
    request.on('response', (response) => {
      object.status = response.getStatus();
      object.transferSyntax = request.getDataset().getTransferSyntaxUid();
    });
    client.addRequest(request);
    return object;
  });

  let released = false;
  let failure = null;
  const timer = setTimeout(() => {
    failure = `no end within ${SEND_TIMEOUT_MS} ms`;
    try {
      client.abort();
    } catch (error) {
      process.exit(1);
    }
  }, SEND_TIMEOUT_MS);

  client.on('associationAccepted', (association) => {
    out({ event: 'accepted', maxPduLength: association.getMaxPduLength(), contexts: contextsOf(association) });
  });
  client.on('associationRejected', (reject) => {
    failure = 'association rejected';
    out({ event: 'rejected', result: reject.result, source: reject.source, reason: reject.reason });
  });
  client.on('associationReleased', () => {
    released = true;
  });
  client.on('networkError', (error) => {
    failure = failure || error.message;
  });
  client.on('closed', () => {
    clearTimeout(timer);
    out({ event: 'echo', status: echoStatus, statusHex: hex(echoStatus) });
    for (const object of objects) {
      // no status: the library found no accepted context it could use and skipped the object
      const outcome = object.status === null ? 'not sent' : object.status === Status.Success ? 'stored' : 'failed';
      out({ event: 'store', ...object, statusHex: hex(object.status), outcome });
    }
    out({ event: 'end', released, failure });
    const ok = failure === null && released && echoStatus === Status.Success
      && objects.every((object) => object.status === Status.Success);
    process.exitCode = ok ? 0 : 1;
  });

  client.send(host, port, callingAe, calledAe, { connectTimeout: 10000, associationTimeout: 20000, pduTimeout: 20000 });
}

// ---- receive -------------------------------------------------------------------------------------------

function isStorage(sopClassUid) {
  return sopClassUid.startsWith(STORAGE_ROOT) || Object.values(StorageClass).includes(sopClassUid);
}

/** The File Meta Information group (PS3.10 7.1), explicit VR little endian, preamble and prefix before it. */
function part10Header(sopClassUid, sopInstanceUid, transferSyntaxUid, sourceAe) {
  const element = (element, vr, value) => {
    let bytes = Buffer.isBuffer(value) ? value : Buffer.from(value, 'ascii');
    if (bytes.length % 2 === 1) {
      bytes = Buffer.concat([bytes, Buffer.from([vr === 'UI' || vr === 'OB' ? 0 : 0x20])]);
    }
    const long = vr === 'OB';
    const header = Buffer.alloc(long ? 12 : 8);
    header.writeUInt16LE(0x0002, 0);
    header.writeUInt16LE(element, 2);
    header.write(vr, 4, 'ascii');
    if (long) {
      header.writeUInt32LE(bytes.length, 8);
    } else {
      header.writeUInt16LE(bytes.length, 6);
    }
    return Buffer.concat([header, bytes]);
  };
  const group = Buffer.concat([
    element(0x0001, 'OB', Buffer.from([0, 1])),
    element(0x0002, 'UI', sopClassUid),
    element(0x0003, 'UI', sopInstanceUid),
    element(0x0010, 'UI', transferSyntaxUid),
    element(0x0012, 'UI', Implementation.getImplementationClassUid()),
    element(0x0013, 'SH', Implementation.getImplementationVersion()),
    element(0x0016, 'AE', sourceAe),
  ]);
  const groupLength = Buffer.alloc(12);
  groupLength.writeUInt16LE(0x0002, 0);
  groupLength.writeUInt16LE(0x0000, 2);
  groupLength.write('UL', 4, 'ascii');
  groupLength.writeUInt16LE(4, 6);
  groupLength.writeUInt32LE(group.length, 8);
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM', 'ascii'), groupLength, group]);
}

function receive(port, aeTitle, outDir, maxPduLength) {
  fs.mkdirSync(outDir, { recursive: true });
  if (maxPduLength) {
    Implementation.setMaxPduLength(maxPduLength);
  }

  class StorageScp extends Scp {
    constructor(socket, opts) {
      super(socket, opts);
      this.on('close', () => out({ event: 'closed' }));
    }

    associationRequested(association) {
      this.association = association;
      if (association.getCalledAeTitle() !== aeTitle) {
        out({ event: 'rejected', calledAe: association.getCalledAeTitle() });
        this.sendAssociationReject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized);
        return;
      }
      const proposedMaxPduLength = association.getMaxPduLength();
      const proposed = new Map(association.getPresentationContexts()
        .map((pc) => [pc.id, association.getPresentationContext(pc.id).getTransferSyntaxUids().slice()]));
      for (const pc of association.getPresentationContexts()) {
        const context = association.getPresentationContext(pc.id);
        const abstractSyntax = context.getAbstractSyntaxUid();
        if (abstractSyntax !== SopClass.Verification && !isStorage(abstractSyntax)) {
          context.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
          continue;
        }
        // the requestor's order decides among the syntaxes this SCP takes
        const syntax = context.getTransferSyntaxUids().find((ts) => ACCEPTED_SYNTAXES.includes(ts));
        if (syntax) {
          context.setResult(PresentationContextResult.Accept, syntax);
        } else {
          context.setResult(PresentationContextResult.RejectTransferSyntaxesNotSupported);
        }
      }
      this.sendAssociationAccept();
      out({
        event: 'associated',
        callingAe: association.getCallingAeTitle(),
        proposedMaxPduLength,
        // what the library put into the A-ASSOCIATE-AC: see DcmjsPeerTest on why this is not its own limit alone
        announcedMaxPduLength: association.getMaxPduLength(),
        contexts: contextsOf(association, proposed),
      });
    }

    cEchoRequest(request, callback) {
      const response = CEchoResponse.fromRequest(request);
      response.setStatus(Status.Success);
      out({ event: 'echo' });
      callback(response);
    }

    // the library hands each fragment of a C-STORE data set to this stream as it arrives
    createStoreWritableStream() {
      const fragments = [];
      // a high-water mark no object reaches: the library then never waits for 'drain' between fragments
      const stream = new Writable({
        highWaterMark: 1 << 30,
        write(chunk, encoding, done) {
          fragments.push(Buffer.from(chunk));
          done();
        },
      });
      stream.fragments = fragments;
      return stream;
    }

    createDatasetFromStoreWritableStream(writable, context, callback) {
      this.received = { fragments: writable.fragments, transferSyntax: context.getAcceptedTransferSyntaxUid() };
      // the objects are stored as bytes; an empty data set stands in for the parsed one the library expects
      callback(new Dataset({}, context.getAcceptedTransferSyntaxUid()));
    }

    cStoreRequest(request, callback) {
      const response = CStoreResponse.fromRequest(request);
      const { fragments, transferSyntax } = this.received;
      this.received = undefined;
      const sopInstanceUid = request.getAffectedSopInstanceUid();
      const file = path.join(outDir, `${sopInstanceUid}.dcm`);
      try {
        const header = part10Header(request.getAffectedSopClassUid(), sopInstanceUid, transferSyntax,
          this.association.getCallingAeTitle());
        fs.writeFileSync(file + '.part', Buffer.concat([header, ...fragments]));
        fs.renameSync(file + '.part', file);
        response.setStatus(Status.Success);
      } catch (error) {
        response.setStatus(Status.ProcessingFailure);
        response.setErrorComment(error.message.substring(0, 64));
      }
      out({
        event: 'stored',
        sopInstanceUid,
        transferSyntax,
        file,
        fragments: fragments.length,
        largestFragment: Math.max(0, ...fragments.map((fragment) => fragment.length)),
        statusHex: hex(response.getStatus()),
      });
      callback(response);
    }

    associationReleaseRequested() {
      out({ event: 'released' });
      this.sendAssociationReleaseResponse();
    }

    abort(source, reason) {
      out({ event: 'aborted', source, reason });
    }
  }

  // the library's Server listens on every interface; this one takes the loopback interface only, and port 0
  const server = net.createServer((socket) => {
    const scp = new StorageScp(socket, {});
    scp.on('networkError', (error) => {
      out({ event: 'error', message: error.message });
      socket.end();
    });
  });
  server.listen(port, '127.0.0.1', () => out({ event: 'listening', port: server.address().port, aeTitle }));
  const stop = () => {
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// ---- command line --------------------------------------------------------------------------------------

const [mode, ...args] = process.argv.slice(2);
if (mode === 'send' && args.length >= 5) {
  send(args[0], Number(args[1]), args[2], args[3], args.slice(4));
} else if (mode === 'receive' && (args.length === 3 || args.length === 4)) {
  receive(Number(args[0]), args[1], args[2], args[3] ? Number(args[3]) : undefined);
} else {
  process.stderr.write('usage: peer.js send <host> <port> <calledAE> <callingAE> <files...>\n'
    + '       peer.js receive <port> <aeTitle> <outDir> [maxPduLength]\n');
  process.exitCode = 2;
}
