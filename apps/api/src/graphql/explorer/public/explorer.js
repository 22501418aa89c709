// Starts GraphiQL against the endpoint the page was served from (a file, not an inline script: the CSP allows only 'self').
'use strict';
(function () {
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname, enableIncrementalDelivery: false });
  var defaultQuery = '# Explore the kubenotes knowledge base; Ctrl-Enter runs the query.\n' +
    '{\n  topic(slug: "service") {\n    title\n    children { slug title }\n    entities { name type }\n  }\n}\n';
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, isHeadersEditorEnabled: true })
  );
})();
