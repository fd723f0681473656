'use strict';
/*
 * Runs the XFrame page's script outside a browser, for XFrameRelayTest.
 *
 *   node harness.js <page-script.js>   < scenario.json   > result.json
 *
 * scenario: {"pageOrigin": "http://127.0.0.1:8080", "messages": [{"origin": "...", "data": ...}]}
 *
 * The script runs in its own realm whose global is a fake window: location.origin is pageOrigin,
 * addEventListener records the page's listeners, and XMLHttpRequest really performs the request
 * with Node's http module. Each message is dispatched to the page's own "message" listeners, as a
 * browser would, with a fake source window that records what the page posts back. When nothing is
 * left to do (all requests answered), the harness prints:
 *
 * {"listeners": n, "allowedOrigins": [...], "replies": [{"message": i, "targetOrigin": "...",
 *  "dataType": "string", "data": "..."}]}
 */
const fs = require('fs');
const http = require('http');
const https = require('https');
const vm = require('vm');

const REQUEST_TIMEOUT_MS = 10000;

function NodeXMLHttpRequest() {
  this.readyState = 0;
  this.status = 0;
  this.statusText = '';
  this.responseText = '';
  this.timeout = 0;
  this.withCredentials = false;
  this.onreadystatechange = null;
  this._headers = {};
  this._responseHeaders = '';
}

NodeXMLHttpRequest.prototype.open = function (method, url) {
  this._method = method;
  this._url = new URL(url);
  this.readyState = 1;
};

/* As in browsers: a header set twice is sent once, its values joined with ", ". */
NodeXMLHttpRequest.prototype.setRequestHeader = function (name, value) {
  if (this.readyState !== 1) {
    throw new Error('InvalidStateError');
  }
  const key = name.toLowerCase();
  this._headers[key] = this._headers[key] === undefined ? String(value)
      : this._headers[key] + ', ' + value;
};

/* As in browsers: lower-case names, sorted, repeated headers combined with ", ". */
NodeXMLHttpRequest.prototype.getAllResponseHeaders = function () {
  return this._responseHeaders;
};

NodeXMLHttpRequest.prototype._finish = function () {
  this.readyState = 4;
  if (typeof this.onreadystatechange === 'function') {
    this.onreadystatechange();
  }
};

NodeXMLHttpRequest.prototype.send = function (body) {
  const xhr = this;
  const client = this._url.protocol === 'https:' ? https : http;
  const request = client.request({
    method: this._method,
    hostname: this._url.hostname,
    port: this._url.port,
    path: this._url.pathname + this._url.search,
    headers: this._headers,
    agent: false,
    timeout: this.timeout || REQUEST_TIMEOUT_MS
  }, function (response) {
    const chunks = [];
    response.on('data', function (chunk) { chunks.push(chunk); });
    response.on('end', function () {
      const combined = {};
      for (let i = 0; i < response.rawHeaders.length; i += 2) {
        const name = response.rawHeaders[i].toLowerCase();
        const value = response.rawHeaders[i + 1];
        combined[name] = combined[name] === undefined ? value : combined[name] + ', ' + value;
      }
      xhr._responseHeaders = Object.keys(combined).sort()
          .map(function (name) { return name + ': ' + combined[name] + '\r\n'; }).join('');
      xhr.status = response.statusCode;
      xhr.statusText = response.statusMessage;
      xhr.responseText = Buffer.concat(chunks).toString('utf8');
      xhr._finish();
    });
  });
  request.on('timeout', function () { request.destroy(new Error('timeout')); });
  request.on('error', function () {
    xhr.status = 0;
    xhr._finish();
  });
  if (body !== null && body !== undefined) {
    request.write(String(body));
  }
  request.end();
};

function main() {
  const scriptFile = process.argv[2];
  const scenario = JSON.parse(fs.readFileSync(0, 'utf8'));
  const pageUrl = new URL(scenario.pageOrigin);
  const listeners = [];
  const replies = [];

  const window = {
    location: {
      origin: pageUrl.origin,
      protocol: pageUrl.protocol,
      host: pageUrl.host,
      href: pageUrl.origin + '/xframe'
    },
    XMLHttpRequest: NodeXMLHttpRequest,
    addEventListener: function (type, listener) {
      if (type === 'message') {
        listeners.push(listener);
      }
    }
  };
  window.window = window;
  const context = vm.createContext(window);
  vm.runInContext(fs.readFileSync(scriptFile, 'utf8'), context, { filename: scriptFile });

  scenario.messages.forEach(function (message, index) {
    const source = {
      postMessage: function (data, targetOrigin) {
        replies.push({
          message: index,
          targetOrigin: targetOrigin,
          dataType: typeof data,
          data: data
        });
      }
    };
    const event = { type: 'message', origin: message.origin, data: message.data, source: source };
    listeners.forEach(function (listener) { listener.call(window, event); });
  });

  let printed = false;
  process.on('beforeExit', function () {
    if (printed) {
      return;
    }
    printed = true;
    const frame = context.ucwaXFrame;
    process.stdout.write(JSON.stringify({
      listeners: listeners.length,
      allowedOrigins: frame ? Array.prototype.slice.call(frame.allowedOrigins) : null,
      replies: replies
    }));
  });
}

main();
