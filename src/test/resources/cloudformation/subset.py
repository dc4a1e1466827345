"""Writes the part of the CloudFormation resource specification that template.yaml needs: each resource type it
uses (but SAM's), its property types, and of each property its type and whether it is required.

    npm pack @aws-cdk/cfnspec@2.72.1 && tar xzf aws-cdk-cfnspec-2.72.1.tgz
    python3 src/test/resources/cloudformation/subset.py package/spec/specification.json template.yaml \
        > src/test/resources/cloudformation/resource-specification.json
"""
import json
import re
import sys

specification = json.load(open(sys.argv[1]))
used = sorted(set(re.findall(r"^    Type: (AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)$", open(sys.argv[2]).read(), re.M)))
kept = ("Type", "ItemType", "PrimitiveType", "PrimitiveItemType", "Required")


def properties(definition):
    return {name: {key: value for key, value in property.items() if key in kept}
            for name, property in sorted(definition.get("Properties", {}).items())}


subset = {"ResourceSpecificationVersion": specification["ResourceSpecificationVersion"],
          "ResourceTypes": {}, "PropertyTypes": {}}
for resource_type in used:
    if resource_type.startswith("AWS::Serverless::"):
        continue
    subset["ResourceTypes"][resource_type] = {"Properties": properties(specification["ResourceTypes"][resource_type])}
    for name, definition in sorted(specification["PropertyTypes"].items()):
        if name.startswith(resource_type + "."):
            subset["PropertyTypes"][name] = {"Properties": properties(definition)}
# Shared by all resource types (Tag).
for name, definition in sorted(specification["PropertyTypes"].items()):
    if "." not in name:
        subset["PropertyTypes"][name] = {"Properties": properties(definition)}
json.dump(subset, sys.stdout, indent=1, sort_keys=True)
print()
