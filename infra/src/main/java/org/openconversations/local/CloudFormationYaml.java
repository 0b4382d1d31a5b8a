package org.openconversations.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads CloudFormation YAML into plain maps and lists, turning short-form intrinsic tags into
 * their long form: {@code !Ref X} becomes {@code {Ref: X}}, {@code !GetAtt A.B} becomes
 * {@code {Fn::GetAtt: [A, B]}}, {@code !Sub s} becomes {@code {Fn::Sub: s}}, and so on.
 */
final class CloudFormationYaml {

    private static final List<String> FUNCTIONS = List.of(
            "And", "Base64", "Cidr", "Contains", "EachMemberEquals", "EachMemberIn", "Equals",
            "FindInMap", "GetAtt", "GetAZs", "If", "ImportValue", "Join", "Length", "Not", "Or",
            "RefAll", "Select", "Split", "Sub", "ToJsonString", "Transform", "ValueOf", "ValueOfAll");

    private CloudFormationYaml() {
    }

    static Object load(String text) {
        LoaderOptions options = new LoaderOptions();
        // CloudFormation rejects duplicate keys; silently keeping the last one would hide mistakes.
        options.setAllowDuplicateKeys(false);
        return new Yaml(new IntrinsicConstructor(options)).load(text);
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
            // CloudFormation sees an unquoted date as a string, not as a timestamp.
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = key.equals("Fn::GetAtt") ? splitGetAtt(text) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else if (node instanceof MappingNode mapping) {
                    value = constructMapping(mapping);
                } else {
                    throw new IllegalArgumentException("Unsupported node for !" + key + ": " + node);
                }
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put(key, value);
                return intrinsic;
            }

            private static List<String> splitGetAtt(String text) {
                int dot = text.indexOf('.');
                if (dot <= 0 || dot == text.length() - 1) {
                    throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got: " + text);
                }
                return List.of(text.substring(0, dot), text.substring(dot + 1));
            }
        }
    }
}
