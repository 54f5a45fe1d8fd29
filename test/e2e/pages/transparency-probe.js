// Everything a page can observe of WebSocket, collected the same way with and without the extension.
// Shared by transparency.html and transparency-wrapped.html (which first replaces, wraps or freezes WebSocket).
(() => {
  const url = `ws://${location.host}/app/demo-key?protocol=7&client=js&version=probe&flash=false`;

  /** What the page sees of an error: its kind, message and stack, with no frame of anyone else's code. */
  function caught(run) {
    try {
      run();
      return 'no error';
    } catch (error) {
      return [error.name, error.message, error.constructor.name, error.stack, Object.getOwnPropertyNames(error).sort()];
    }
  }

  window.probe = async () => {
    const out = {
      name: WebSocket.name,
      length: WebSocket.length,
      toString: WebSocket.toString(),
      fnToString: Function.prototype.toString.call(WebSocket),
      toStringToString: Function.prototype.toString.toString(),
      sendToString: WebSocket.prototype.send.toString(),
      closeToString: WebSocket.prototype.close.toString(),
      statics: [WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED],
      ownNames: Object.getOwnPropertyNames(WebSocket).sort(),
      protoNames: Object.getOwnPropertyNames(WebSocket.prototype).sort(),
      protoChain: Object.getPrototypeOf(WebSocket.prototype) === EventTarget.prototype,
      frozen: [Object.isFrozen(WebSocket), Object.isFrozen(WebSocket.prototype), Object.isExtensible(WebSocket)],
      windowDescriptor: Object.entries(Object.getOwnPropertyDescriptor(window, 'WebSocket')).map(([k, v]) => [k, typeof v === 'boolean' ? v : typeof v]),
      windowSymbols: Object.getOwnPropertySymbols(window).map(String),
    };
    // Another window's Function.prototype.toString asked about this one's functions, and the other way round.
    const frame = document.createElement('iframe');
    document.documentElement.appendChild(frame);
    const other = frame.contentWindow;
    out.crossRealm = [
      other.Function.prototype.toString.call(WebSocket),
      other.Function.prototype.toString.call(WebSocket.prototype.send),
      other.Function.prototype.toString.call(Function.prototype.toString),
      Function.prototype.toString.call(other.WebSocket),
      Function.prototype.toString.call(other.WebSocket.prototype.close),
      Function.prototype.toString.call(other.Function.prototype.toString),
      Object.getOwnPropertySymbols(other).map(String),
    ];
    frame.remove();
    const ws = new WebSocket(url);
    out.instanceOf = ws instanceof WebSocket;
    out.constructorSame = ws.constructor === WebSocket;
    out.binaryType = ws.binaryType;
    // Errors thrown through the constructor, send, close and Function.prototype.toString: same stack, frame for frame.
    out.errors = {
      sendWhileConnecting: caught(() => ws.send('too early')),
      closeBadCode: caught(() => ws.close(1234)),
      badScheme: caught(() => new WebSocket('ftp://example.com/')),
      withoutNew: caught(() => WebSocket(url)),
      throwingUrl: caught(() => new WebSocket({ toString() { throw new RangeError('thrown by the page'); } })),
      toStringOfObject: caught(() => Function.prototype.toString.call({})),
      toStringOfNull: caught(() => Function.prototype.toString.call(null)),
    };
    const order = [];
    out.states = [ws.readyState];
    ws.addEventListener('message', () => order.push('listener-1'));
    ws.onmessage = () => order.push('onmessage');
    ws.addEventListener('message', () => order.push('listener-2'));
    await new Promise((resolve) => ws.addEventListener('message', resolve, { once: true }));
    out.states.push(ws.readyState);
    out.order = order.slice(0, 3);
    ws.close();
    await new Promise((resolve) => (ws.onclose = (e) => resolve((out.closeEvent = [e.code, e.wasClean, e.constructor.name]))));
    out.states.push(ws.readyState);
    class Sub extends WebSocket {
      hello() {
        return 'sub';
      }
    }
    const sub = new Sub(url);
    // A WebSocket replaced by a function that returns the socket it made is not subclassable: the same either way.
    out.subclass = [sub instanceof Sub, sub instanceof WebSocket, typeof sub.hello, Object.getPrototypeOf(sub) === Sub.prototype];
    sub.close();
    const early = new WebSocket(url);
    early.close();
    out.closedBeforeOpen = await new Promise((resolve) => (early.onclose = (e) => resolve([e.code, early.readyState])));
    return out;
  };
})();
